<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/consents: processing that needs the user's consent
  (Legal.Purposes.N: Name, Label, Text, Granted 1|0, Changed), each with
  a form to give or withdraw it; Legal.Done: granted | withdrawn.
?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Legal.Consents.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Legal.Consents.Lead ?></p>
</div>
<?cs if:Legal.Done ?>
<div class="alert alert-success" role="status"><?cs call:icon("ok") ?><p><?cs var:L.Privacy.Legal.Consents.Done[Legal.Done] ?></p></div>
<?cs /if ?>
<ul class="cards consents"><?cs each:c = Legal.Purposes ?>
  <li class="card" id="purpose-<?cs var:c.Name ?>">
    <div class="card-head"><h2><?cs var:c.Label ?></h2></div>
    <p class="card-body"><?cs var:c.Text ?></p>
    <p class="card-meta consent-state"><?cs if:c.Granted == "1" ?><?cs var:L.Privacy.Legal.Consents.Given ?><?cs else ?><?cs var:L.Privacy.Legal.Consents.NotGiven ?><?cs /if ?><?cs if:c.Changed ?> (<?cs var:L.Privacy.Legal.Consents.Since ?> <span class="nowrap"><?cs var:c.Changed ?></span>)<?cs /if ?></p>
    <form method="post" action="<?cs var:Page.Base ?>/privacy/consents">
      <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
      <input type="hidden" name="purpose" value="<?cs var:c.Name ?>"><?cs if:c.Granted == "1" ?>
      <input type="hidden" name="grant" value="0">
      <button type="submit" class="button-small button-secondary"><span><?cs var:L.Privacy.Legal.Consents.Withdraw ?></span></button><?cs else ?>
      <input type="hidden" name="grant" value="1">
      <button type="submit" class="button-small"><span><?cs var:L.Privacy.Legal.Consents.Grant ?></span></button><?cs /if ?>
    </form>
  </li><?cs /each ?>
</ul>
<?cs include:"footer.cs" ?>
