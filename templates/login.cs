<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("lock") ?></span>
    <h1 id="auth-title"><?cs var:L.Login.Title ?></h1>
    <p class="auth-lead"><?cs var:L.Login.Intro ?></p>
  </div>
<?cs if:Form.Message ?>
  <div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
  <div class="alert alert-notice" role="status"><?cs call:icon("info") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/login">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs if:Form.ReturnTo ?>
    <input type="hidden" name="return_to" value="<?cs var:Form.ReturnTo ?>"><?cs /if ?>
    <div class="field<?cs if:Form.Errors.email ?> field-invalid<?cs /if ?>">
      <label for="f-email"><?cs var:L.Auth.Email ?></label><?cs call:field_error("email") ?>
      <input id="f-email" name="email" type="email" value="<?cs var:Form.Email ?>" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="254" required<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="f-email-error"<?cs /if ?>>
    </div>
    <div class="field<?cs if:Form.Errors.password ?> field-invalid<?cs /if ?>">
      <label for="f-password"><?cs var:L.Auth.Password ?></label><?cs call:field_error("password") ?>
      <input id="f-password" name="password" type="password" autocomplete="current-password" required<?cs if:Form.Errors.password ?> aria-invalid="true" aria-describedby="f-password-error"<?cs /if ?>>
    </div>
    <button type="submit" class="button-block"><?cs call:icon("login") ?><span><?cs var:L.Login.Submit ?></span></button>
  </form>
  <ul class="auth-links">
    <li><a href="<?cs var:Page.Base ?>/magic<?cs if:Form.ReturnTo ?>?return_to=<?cs var:url_escape(Form.ReturnTo) ?><?cs if:Form.Hint ?>&amp;email=<?cs var:url_escape(Form.Hint) ?><?cs /if ?><?cs elif:Form.Hint ?>?email=<?cs var:url_escape(Form.Hint) ?><?cs /if ?>"><?cs call:icon("mail") ?><span><?cs var:L.Login.MagicLink ?></span></a></li>
    <li><a href="<?cs var:Page.Base ?>/reset"><?cs call:icon("key") ?><span><?cs var:L.Login.Forgot ?></span></a></li>
  </ul>
</section>
</div>
<?cs include:"footer.cs" ?>
