<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-password">
  <h2 id="h-password"><?cs if:Profile.Set == 1 ?><?cs var:L.Profile.PasswordSet.Heading ?><?cs else ?><?cs var:L.Profile.Password.Heading ?><?cs /if ?></h2>
  <p class="help"><?cs if:Profile.Set == 1 ?><?cs var:L.Profile.PasswordSet.Text ?><?cs else ?><?cs var:L.Profile.Password.Text ?><?cs /if ?></p>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/profile/password<?cs if:Profile.Set == 1 ?>/set<?cs /if ?>" aria-labelledby="h-password">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs if:Profile.Set != 1 ?>
    <?cs call:field_text("current", L.Profile.Password.Current, "", "", "password", 1) ?><?cs /if ?>
    <?cs call:field_text("password", L.Profile.Password.New, "", "", "password", 1) ?>
    <?cs call:field_text("password2", L.Profile.Password.Repeat, "", "", "password", 1) ?>
    <div class="rules">
      <p><?cs var:L.Password.Rules ?></p>
      <ul>
        <li><?cs var:L.Password.Rule.Min.Before ?> <?cs var:Profile.MinLength ?> <?cs var:L.Password.Rule.Min.After ?></li>
        <li><?cs var:L.Password.Rule.Personal ?></li>
        <li><?cs var:L.Password.Rule.Common ?></li>
      </ul>
      <p class="help"><?cs var:L.Password.Tip ?></p>
    </div>
    <p class="help"><?cs var:L.Profile.Password.SignOut ?></p>
    <button type="submit"><?cs call:icon("key") ?><span><?cs var:L.Profile.Password.Submit ?></span></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
