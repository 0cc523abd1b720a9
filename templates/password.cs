<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  New password, for a reset link (Password.Kind = reset) or an account
  set-up link (setup). Password.Action is /reset/confirm or /setup.
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("key") ?></span>
    <h1 id="auth-title"><?cs if:Password.Kind == "setup" ?><?cs var:L.Password.Title.setup ?><?cs else ?><?cs var:L.Password.Title.reset ?><?cs /if ?></h1>
    <p class="auth-lead"><?cs if:Password.Kind == "setup" ?><?cs var:L.Password.Lead.setup ?><?cs else ?><?cs var:L.Password.Lead.reset ?><?cs /if ?></p>
  </div>
<?cs if:Form.Message ?>
  <div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?><?cs var:Password.Action ?>">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="t" value="<?cs var:Password.Token ?>">
    <div class="field<?cs if:Form.Errors.password ?> field-invalid<?cs /if ?>">
      <label for="f-password"><?cs var:L.Password.New ?></label>
      <div class="help" id="f-password-help">
        <p><?cs var:L.Password.Rules ?></p>
        <ul class="rules">
<?cs if:Password.MinLength ?>
          <li><?cs var:L.Password.Rule.Min.Before ?> <?cs var:Password.MinLength ?> <?cs var:L.Password.Rule.Min.After ?></li>
<?cs /if ?>
          <li><?cs var:L.Password.Rule.Personal ?></li>
          <li><?cs var:L.Password.Rule.Common ?></li>
        </ul>
        <p><?cs var:L.Password.Tip ?></p>
      </div><?cs call:field_error("password") ?>
      <input id="f-password" name="password" type="password" autocomplete="new-password"<?cs if:Password.MinLength ?> minlength="<?cs var:Password.MinLength ?>"<?cs /if ?> required aria-describedby="f-password-help<?cs if:Form.Errors.password ?> f-password-error<?cs /if ?>"<?cs if:Form.Errors.password ?> aria-invalid="true"<?cs /if ?>>
    </div>
    <div class="field<?cs if:Form.Errors.password2 ?> field-invalid<?cs /if ?>">
      <label for="f-password2"><?cs var:L.Password.Repeat ?></label><?cs call:field_error("password2") ?>
      <input id="f-password2" name="password2" type="password" autocomplete="new-password" required<?cs if:Form.Errors.password2 ?> aria-invalid="true" aria-describedby="f-password2-error"<?cs /if ?>>
    </div>
    <button type="submit" class="button-block"><?cs call:icon("ok") ?><span><?cs if:Password.Kind == "setup" ?><?cs var:L.Password.Submit.setup ?><?cs else ?><?cs var:L.Password.Submit.reset ?><?cs /if ?></span></button>
  </form>
<?cs if:Password.Kind == "setup" ?>
  <form class="auth-form auth-alt" method="post" action="<?cs var:Page.Base ?>/setup">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="t" value="<?cs var:Password.Token ?>">
    <input type="hidden" name="nopassword" value="1">
    <p class="help"><?cs var:L.Password.NoPassword.Help ?></p>
    <button type="submit" class="button-secondary button-block"><?cs call:icon("mail") ?><span><?cs var:L.Password.NoPassword.Submit ?></span></button>
  </form>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
