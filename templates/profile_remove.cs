<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-remove">
  <h2 id="h-remove"><?cs var:L.Profile.TotpRemove.Heading ?></h2>
  <div class="alert alert-warn"><?cs call:icon("degraded") ?><p><?cs var:L.Profile.TotpRemove.Text ?></p></div>
  <form method="post" action="<?cs var:Page.Base ?>/profile/totp/remove" aria-labelledby="h-remove">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="confirm" value="1">
    <div class="actions">
      <button type="submit"><?cs call:icon("down") ?><span><?cs var:L.Profile.TotpRemove.Submit ?></span></button>
      <a class="button button-secondary" href="<?cs var:Page.Base ?>/profile/security"><span><?cs var:L.Profile.Cancel ?></span></a>
    </div>
  </form>
</section>
<?cs include:"footer.cs" ?>
