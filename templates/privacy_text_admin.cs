<?cs include:"macros.cs" ?><?cs include:"privacy_legal_macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/admin/texts/view and /publish: one version in both languages
  (Legal.Text: Id, Kind, KindLabel, Version, TitleDe, TitleEn, De, En
  (the bodies), Published when it is); Legal.Confirm = 1: the publishing
  confirmation; Legal.Done: created | updated.
?><?cs call:legal_nav() ?>
<div class="page-head">
  <h1><?cs var:Page.Title ?>: <?cs var:Legal.Text.KindLabel ?>, <?cs var:L.Privacy.Legal.Version ?> <?cs var:Legal.Text.Version ?></h1>
  <p class="lead"><?cs if:Legal.Text.Published ?><?cs var:L.Privacy.Legal.Published ?> <span class="nowrap"><?cs var:Legal.Text.Published ?></span><?cs else ?><?cs var:L.Privacy.Legal.Admin.States.draft ?><?cs /if ?></p>
</div>
<?cs if:Legal.Done ?>
<div class="alert alert-success" role="status"><?cs call:icon("ok") ?><p><?cs var:L.Privacy.Legal.Admin.Done[Legal.Done] ?></p></div>
<?cs /if ?><?cs if:Legal.Confirm ?>
<section class="section panel" aria-labelledby="h-confirm">
  <h2 id="h-confirm" class="panel-title"><?cs call:icon("degraded") ?><span><?cs var:L.Privacy.Legal.Admin.PublishTitle ?></span></h2>
  <p><?cs var:L.Privacy.Legal.Admin.PublishText ?></p>
  <form method="post" action="<?cs var:Page.Base ?>/privacy/admin/texts/publish">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Legal.Text.Id ?>">
    <div class="actions">
      <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Privacy.Legal.Admin.PublishSubmit ?></span></button>
    </div>
  </form>
</section>
<?cs elif:!Legal.Text.Published ?>
<p class="actions">
  <a class="button" href="<?cs var:Page.Base ?>/privacy/admin/texts/edit?id=<?cs var:Legal.Text.Id ?>"><span><?cs var:L.Privacy.Legal.Admin.Edit ?></span></a>
  <a class="button" href="<?cs var:Page.Base ?>/privacy/admin/texts/publish?id=<?cs var:Legal.Text.Id ?>"><span><?cs var:L.Privacy.Legal.Admin.Publish ?></span></a>
</p>
<?cs /if ?>
<section class="section legal-text" lang="de" aria-labelledby="h-de">
  <h2 id="h-de"><?cs var:L.Privacy.Legal.Admin.German ?>: <?cs var:Legal.Text.TitleDe ?></h2>
  <?cs call:legal_body(Legal.Text.De) ?>
</section>
<section class="section legal-text" lang="en" aria-labelledby="h-en">
  <h2 id="h-en"><?cs var:L.Privacy.Legal.Admin.English ?>: <?cs var:Legal.Text.TitleEn ?></h2>
  <?cs call:legal_body(Legal.Text.En) ?>
</section>
<?cs include:"footer.cs" ?>
