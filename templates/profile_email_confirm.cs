<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  Opening the link only shows this page; the POST changes the address,
  so a mail scanner that follows the link changes nothing.
?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-confirm">
  <h2 id="h-confirm"><?cs var:L.Profile.EmailConfirm.Heading ?></h2>
  <p><?cs var:L.Profile.EmailConfirm.Text ?></p>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/profile/email/confirm" aria-labelledby="h-confirm">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="t" value="<?cs var:Profile.Token ?>">
    <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Profile.EmailConfirm.Submit ?></span></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
