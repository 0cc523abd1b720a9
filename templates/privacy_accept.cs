<?cs include:"macros.cs" ?><?cs include:"privacy_legal_macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/accept: the texts in force the user has not accepted yet
  (Legal.Texts.N: Id, Kind, Field (the form field: terms | notice),
  Version, Title, Published, P (the body)); accepting sends exactly
  these versions, then goes on to Legal.ReturnTo.
?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Legal.Accept.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Legal.Accept.Lead ?></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs each:t = Legal.Texts ?>
<section class="section panel legal-text" id="text-<?cs var:t.Id ?>" aria-labelledby="h-text-<?cs var:t.Id ?>">
  <h2 id="h-text-<?cs var:t.Id ?>" class="panel-title"><span><?cs var:t.Title ?></span></h2>
  <p class="card-meta"><?cs var:L.Privacy.Legal.Kind[t.Kind] ?>, <?cs var:L.Privacy.Legal.Version ?> <?cs var:t.Version ?> (<?cs var:L.Privacy.Legal.Published ?> <span class="nowrap"><?cs var:t.Published ?></span>)</p>
  <?cs call:legal_body(t.P) ?>
</section><?cs /each ?>
<form method="post" action="<?cs var:Page.Base ?>/privacy/accept" class="section">
  <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs each:t = Legal.Texts ?>
  <input type="hidden" name="<?cs var:t.Field ?>" value="<?cs var:t.Id ?>"><?cs /each ?>
  <input type="hidden" name="return_to" value="<?cs var:Legal.ReturnTo ?>">
  <div class="actions">
    <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Privacy.Legal.Accept.Submit ?></span></button>
  </div>
</form>
<form method="post" action="<?cs var:Page.Base ?>/logout" class="section">
  <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
  <p class="help"><?cs var:L.Privacy.Legal.Accept.Decline ?></p>
  <button type="submit" class="button-secondary"><?cs call:icon("logout") ?><span><?cs var:L.Privacy.Legal.Accept.Logout ?></span></button>
</form>
<?cs include:"footer.cs" ?>
