<?cs include:"macros.cs" ?><?cs include:"privacy_legal_macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/terms and /privacy/notice: the version in force of Legal.Kind
  for everyone (Legal.Text: Title, Version, Published, P), or a note
  that none is published yet.
?>
<div class="page-head">
  <h1><?cs if:Legal.Text.Title ?><?cs var:Legal.Text.Title ?><?cs else ?><?cs var:L.Privacy.Legal.Kind[Legal.Kind] ?><?cs /if ?></h1><?cs if:Legal.Text.Version ?>
  <p class="lead"><?cs var:L.Privacy.Legal.Version ?> <?cs var:Legal.Text.Version ?> (<?cs var:L.Privacy.Legal.Published ?> <span class="nowrap"><?cs var:Legal.Text.Published ?></span>)</p><?cs /if ?>
</div>
<?cs if:Legal.Text.Version ?>
<section class="section legal-text">
  <?cs call:legal_body(Legal.Text.P) ?>
</section>
<?cs else ?>
<p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Legal.NoneYet ?></span></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
