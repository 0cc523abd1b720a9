<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy: the overview of the user's data-protection rights.  Each part
  of the privacy program adds its entry to the list below.
?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Lead ?></p>
</div>
<ul class="places">
<?cs # privacy-legal.c ?>
  <li><a class="place" href="<?cs var:Page.Base ?>/privacy/consents"><span class="place-icon"><?cs call:icon("ok") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Legal.Overview.Consents ?></span><span class="place-desc"><?cs var:L.Privacy.Legal.Overview.ConsentsDesc ?></span></span></a></li>
  <li><a class="place" href="<?cs var:Page.Base ?>/privacy/terms"><span class="place-icon"><?cs call:icon("doc") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Legal.Overview.Terms ?></span><span class="place-desc"><?cs var:L.Privacy.Legal.Overview.TermsDesc ?></span></span></a></li>
  <li><a class="place" href="<?cs var:Page.Base ?>/privacy/notice"><span class="place-icon"><?cs call:icon("doc") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Legal.Overview.Notice ?></span><span class="place-desc"><?cs var:L.Privacy.Legal.Overview.NoticeDesc ?></span></span></a></li>
<?cs if:Privacy.Legal.Editor ?>
  <li><a class="place" href="<?cs var:Page.Base ?>/privacy/admin/texts"><span class="place-icon"><?cs call:icon("key") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Legal.Overview.Editor ?></span><span class="place-desc"><?cs var:L.Privacy.Legal.Overview.EditorDesc ?></span></span></a></li>
<?cs /if ?>
<?cs # privacy-export.c ?>
  <li><a class="place" href="<?cs var:Page.Base ?>/privacy/export"><span class="place-icon"><?cs call:icon("doc") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Export.Title ?></span><span class="place-desc"><?cs var:L.Privacy.Export.Desc ?></span></span></a></li>
<?cs # privacy-erase.c ?>
  <li><a class="place" href="<?cs var:Page.Base ?>/privacy/erase"><span class="place-icon"><?cs call:icon("user") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Erase.Title ?></span><span class="place-desc"><?cs var:L.Privacy.Erase.Short ?></span></span></a></li>
</ul>
<?cs include:"footer.cs" ?>
