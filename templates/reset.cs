<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  After a POST (Form.Sent = 1) the page says the same whether or not an
  account exists for the address, and does not repeat the address.
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("key") ?></span>
    <h1 id="auth-title"><?cs var:L.Reset.Title ?></h1><?cs if:Form.Sent != 1 ?>
    <p class="auth-lead"><?cs var:L.Reset.Lead ?></p><?cs /if ?>
  </div>
<?cs if:Form.Sent == 1 ?>
  <div class="alert alert-ok sent" role="status"><?cs call:icon("mail") ?><div>
    <p><?cs var:L.Sent.Text ?><?cs if:Form.Minutes ?> <?cs var:L.Sent.Valid.Before ?> <?cs var:Form.Minutes ?> <?cs var:L.Sent.Valid.After ?><?cs /if ?></p>
    <p><?cs var:L.Sent.Spam ?></p>
  </div></div>
  <ul class="auth-links">
    <li><a href="<?cs var:Page.Base ?>/reset"><?cs call:icon("refresh") ?><span><?cs var:L.Sent.Again ?></span></a></li>
    <li><a href="<?cs var:Page.Base ?>/login"><?cs call:icon("arrow-left") ?><span><?cs var:L.Auth.BackToLogin ?></span></a></li>
  </ul>
<?cs else ?>
<?cs if:Form.Message ?>
  <div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/reset">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <div class="field<?cs if:Form.Errors.email ?> field-invalid<?cs /if ?>">
      <label for="f-email"><?cs var:L.Auth.Email ?></label><?cs call:field_error("email") ?>
      <input id="f-email" name="email" type="email" value="<?cs var:Form.Email ?>" autocomplete="email" autocapitalize="none" spellcheck="false" maxlength="254" required<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="f-email-error"<?cs /if ?>>
    </div>
    <button type="submit" class="button-block"><?cs call:icon("mail") ?><span><?cs var:L.Reset.Submit ?></span></button>
  </form>
  <ul class="auth-links">
    <li><a href="<?cs var:Page.Base ?>/login"><?cs call:icon("arrow-left") ?><span><?cs var:L.Auth.BackToLogin ?></span></a></li>
  </ul>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
