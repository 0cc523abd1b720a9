<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-areas">
  <h2 id="h-areas"><?cs var:L.Admin.Areas ?></h2>
  <ul class="places"><?cs each:a = Admin.Areas ?>
    <li><a class="place" href="<?cs var:Page.Base ?><?cs var:a.Href ?>"><span class="place-icon"><?cs call:icon(a.Icon) ?></span><span class="place-text"><span class="place-label"><?cs var:a.Label ?></span><span class="place-desc"><?cs var:a.Desc ?></span></span></a></li><?cs /each ?>
  </ul>
  <p class="help"><?cs call:icon("lock") ?><span><?cs var:L.Admin.StepUpNote ?></span></p>
</section>
<?cs include:"footer.cs" ?>
