<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-factors">
  <h2 id="h-factors"><?cs var:L.Profile.Security.Factors ?></h2>
  <div class="panels">
    <section class="panel" aria-labelledby="h-totp">
      <h3 id="h-totp" class="panel-title"><?cs call:icon("app") ?><span><?cs var:L.Profile.Security.Totp ?></span></h3>
      <p class="panel-stat"><?cs if:Profile.Totp == 1 ?><span class="badge badge-ok"><?cs call:icon("ok") ?><span><?cs var:L.Profile.Security.On ?></span></span><?cs else ?><span class="badge badge-maintenance"><?cs call:icon("info") ?><span><?cs var:L.Profile.Security.Off ?></span></span><?cs /if ?></p>
      <p class="help"><?cs if:Profile.Totp == 1 ?><?cs var:L.Profile.Security.ReplaceHelp ?><?cs else ?><?cs var:L.Profile.Security.AddHelp ?><?cs /if ?></p>
      <p><a class="button button-secondary" href="<?cs var:Page.Base ?>/profile/totp"><?cs call:icon("app") ?><span><?cs if:Profile.Totp == 1 ?><?cs var:L.Profile.Security.Replace ?><?cs else ?><?cs var:L.Profile.Security.Add ?><?cs /if ?></span></a></p><?cs if:Profile.Totp == 1 ?><?cs if:Profile.CanRemove == 1 ?>
      <form method="post" action="<?cs var:Page.Base ?>/profile/totp/remove">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <button type="submit" class="button-secondary"><?cs call:icon("down") ?><span><?cs var:L.Profile.Security.Remove ?></span></button>
      </form><?cs else ?>
      <p class="help"><?cs var:L.Profile.Security.LastFactor ?></p><?cs /if ?><?cs /if ?>
    </section>
    <section class="panel" aria-labelledby="h-sms">
      <h3 id="h-sms" class="panel-title"><?cs call:icon("message") ?><span><?cs var:L.Profile.Security.Sms ?></span></h3>
      <p class="panel-stat"><?cs if:Profile.Sms == 1 ?><span class="badge badge-ok"><?cs call:icon("ok") ?><span><?cs var:L.Profile.Security.On ?></span></span><?cs else ?><span class="badge badge-maintenance"><?cs call:icon("info") ?><span><?cs var:L.Profile.Security.Off ?></span></span><?cs /if ?></p>
      <p class="help"><?cs if:Profile.Sms == 1 ?><?cs var:L.Profile.Security.SmsTo ?> <span class="nowrap"><?cs var:Profile.Phone ?></span><?cs elif:Profile.SmsGateway == 1 ?><?cs var:L.Profile.Security.SmsNoPhone ?><?cs else ?><?cs var:L.Profile.Security.SmsNone ?><?cs /if ?></p><?cs if:Profile.SmsGateway == 1 ?>
      <p><a href="<?cs var:Page.Base ?>/profile/phone"><?cs call:icon("user") ?><span><?cs var:L.Profile.Security.SmsEdit ?></span></a></p><?cs /if ?>
    </section>
    <section class="panel" aria-labelledby="h-recovery">
      <h3 id="h-recovery" class="panel-title"><?cs call:icon("lifebuoy") ?><span><?cs var:L.Profile.Security.Recovery ?></span></h3>
      <p class="panel-stat"><?cs var:L.Profile.Security.Left ?>: <strong class="recovery-left"><?cs var:Profile.RecoveryLeft ?></strong></p><?cs if:#Profile.RecoveryLeft <= 3 ?>
      <p class="alert alert-warn"><?cs call:icon("degraded") ?><span><?cs var:L.Profile.Security.Few ?></span></p><?cs /if ?>
      <p class="help" id="regen-help"><?cs var:L.Profile.Security.RegenHelp ?></p>
      <form method="post" action="<?cs var:Page.Base ?>/profile/recovery-codes">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <button type="submit" class="button-secondary" aria-describedby="regen-help"><?cs call:icon("refresh") ?><span><?cs var:L.Profile.Security.Regen ?></span></button>
      </form>
    </section>
  </div>
</section>
<?cs include:"footer.cs" ?>
