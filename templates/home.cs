<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs if:Session.Name ?><?cs var:L.Home.Welcome ?>, <?cs var:Session.Name ?><?cs else ?><?cs var:L.Home.Title ?><?cs /if ?></h1>
  <p class="lead"><?cs var:L.Home.Lead ?></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
<div class="alert alert-notice" role="status"><?cs call:icon("info") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?>
<?cs if:subcount(Home.Notices) > 0 ?>
<section class="section" aria-labelledby="h-notices">
  <h2 id="h-notices"><?cs var:L.Home.Notices ?></h2>
<?cs call:notice_cards(Home.Notices) ?>
</section>
<?cs /if ?>

<section class="section" aria-labelledby="h-places">
  <h2 id="h-places"><?cs var:L.Home.Places ?></h2>
<?cs if:subcount(Home.Places) > 0 ?>
  <ul class="places"><?cs each:p = Home.Places ?>
    <li><a class="place" href="<?cs var:Page.Base ?><?cs var:p.Href ?>"><span class="place-icon"><?cs if:p.Icon ?><?cs call:icon(p.Icon) ?><?cs else ?><?cs call:icon("doc") ?><?cs /if ?></span><span class="place-text"><span class="place-label"><?cs var:p.Label ?></span><?cs if:p.Desc ?><span class="place-desc"><?cs var:p.Desc ?></span><?cs /if ?></span></a></li><?cs /each ?>
  </ul>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Home.NoPlaces ?></span></p>
<?cs /if ?>
</section>

<section class="section" aria-labelledby="h-security">
  <h2 id="h-security"><?cs var:L.Home.Security.Title ?></h2>
  <div class="panels">
    <section class="panel" aria-labelledby="h-recovery">
      <h3 id="h-recovery" class="panel-title"><?cs call:icon("lifebuoy") ?><span><?cs var:L.Home.Security.Recovery ?></span></h3><?cs if:?Home.RecoveryLeft ?>
      <p class="panel-stat"><?cs var:L.Home.Security.Left ?>: <strong><?cs var:Home.RecoveryLeft ?></strong></p><?cs if:#Home.RecoveryLeft == 0 ?>
      <p class="alert alert-error"><?cs call:icon("degraded") ?><span><?cs var:L.Home.Security.None ?></span></p><?cs elif:#Home.RecoveryLeft <= 3 ?>
      <p class="alert alert-warn"><?cs call:icon("degraded") ?><span><?cs var:L.Home.Security.Few ?></span></p><?cs /if ?><?cs /if ?>
      <p class="help" id="regen-help"><?cs var:L.Home.Security.RegenHelp ?></p>
      <form method="post" action="<?cs var:Page.Base ?>/login/recovery-codes">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <button type="submit" class="button-secondary" aria-describedby="regen-help"><?cs call:icon("refresh") ?><span><?cs var:L.Home.Security.Regen ?></span></button>
      </form>
    </section>
    <section class="panel" aria-labelledby="h-everywhere">
      <h3 id="h-everywhere" class="panel-title"><?cs call:icon("logout") ?><span><?cs var:L.Home.Security.Everywhere ?></span></h3>
      <p class="help" id="everywhere-help"><?cs var:L.Home.Security.EverywhereHelp ?></p>
      <form method="post" action="<?cs var:Page.Base ?>/logout/all">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <button type="submit" class="button-secondary" aria-describedby="everywhere-help"><?cs call:icon("logout") ?><span><?cs var:L.Home.Security.EverywhereButton ?></span></button>
      </form>
    </section>
  </div>
</section>
<?cs include:"footer.cs" ?>
