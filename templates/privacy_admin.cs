<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/admin: the privacy administration's index.  The program decides
  which parts this session may use (PrivacyAdmin.Manage: legal texts and
  the record of processing activities; PrivacyAdmin.Erasures).
?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Admin.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Admin.Lead ?></p>
</div>
<section class="section" aria-labelledby="h-privacy-areas">
  <h2 id="h-privacy-areas"><?cs var:L.Privacy.Admin.Areas ?></h2>
  <ul class="places"><?cs if:PrivacyAdmin.Manage == "1" ?>
    <li><a class="place" href="<?cs var:Page.Base ?>/privacy/admin/texts"><span class="place-icon"><?cs call:icon("info") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Admin.Texts.Label ?></span><span class="place-desc"><?cs var:L.Privacy.Admin.Texts.Desc ?></span></span></a></li><?cs /if ?><?cs if:PrivacyAdmin.Erasures == "1" ?>
    <li><a class="place" href="<?cs var:Page.Base ?>/privacy/admin/erasures"><span class="place-icon"><?cs call:icon("user") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Admin.Erasures.Label ?></span><span class="place-desc"><?cs var:L.Privacy.Admin.Erasures.Desc ?></span></span></a></li><?cs /if ?><?cs if:PrivacyAdmin.Manage == "1" ?>
    <li><a class="place" href="<?cs var:Page.Base ?>/privacy/admin/activities"><span class="place-icon"><?cs call:icon("shield") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Admin.Activities.Label ?></span><span class="place-desc"><?cs var:L.Privacy.Admin.Activities.Desc ?></span></span></a></li><?cs /if ?>
  </ul>
  <p class="help"><a href="<?cs var:Page.Base ?>/admin"><?cs call:icon("arrow-left") ?><span><?cs var:L.Privacy.Admin.Back ?></span></a></p>
</section>
<?cs include:"footer.cs" ?>
