<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-email">
  <h2 id="h-email"><?cs var:L.Profile.Email.Heading ?></h2>
  <p><?cs var:L.Profile.Email.Current ?>: <strong class="profile-email"><?cs var:Profile.Email ?></strong></p>
  <p class="help"><?cs var:L.Profile.Email.How ?> <?cs var:L.Profile.Email.Valid.Before ?> <?cs var:Profile.Minutes ?> <?cs var:L.Profile.Email.Valid.After ?></p>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/profile/email" aria-labelledby="h-email">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <?cs call:field_text("email", L.Profile.Email.New, Form.Email, L.Profile.Email.NewHelp, "email", 1) ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("mail") ?><span><?cs var:L.Profile.Email.Submit ?></span></button>
      <a class="button button-secondary" href="<?cs var:Page.Base ?>/profile"><span><?cs var:L.Profile.Cancel ?></span></a>
    </div>
  </form>
</section>
<?cs include:"footer.cs" ?>
