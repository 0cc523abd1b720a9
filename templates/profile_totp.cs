<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?><?cs #
  Totp.QR is a data: URL the program built from the SVG (percent-encoded);
  Totp.Pending, when set, is the sealed replacement secret (base64url).
?>
<section class="section" aria-labelledby="h-totp">
  <h2 id="h-totp"><?cs if:Totp.Replace == 1 ?><?cs var:L.Profile.Totp.ReplaceHeading ?><?cs else ?><?cs var:L.Profile.Totp.Heading ?><?cs /if ?></h2>
  <p><?cs if:Totp.Replace == 1 ?><?cs var:L.Profile.Totp.ReplaceLead ?><?cs else ?><?cs var:L.Profile.Totp.Lead ?><?cs /if ?></p>
  <ol class="steps">
    <li class="step">
      <h3 class="step-title"><?cs var:L.Enrol.Step2.Title ?></h3>
      <p><?cs var:L.Enrol.Step2.Text ?></p><?cs if:Totp.QR ?>
      <div class="qr">
        <img src="<?cs var:Totp.QR ?>" alt="<?cs var:L.Enrol.QRAlt ?>" width="220" height="220">
      </div><?cs /if ?>
      <p><?cs var:L.Enrol.Manual ?></p>
      <p class="secret"><span class="visually-hidden"><?cs var:L.Enrol.SecretLabel ?>: </span><code><?cs var:Totp.Secret ?></code></p>
      <p class="help"><?cs var:L.Enrol.ManualHelp ?></p>
      <details class="disclosure">
        <summary><?cs var:L.Enrol.URILabel ?></summary>
        <p class="help"><?cs var:L.Enrol.URIHelp ?></p>
        <p class="uri"><code><?cs var:Totp.URI ?></code></p>
      </details>
    </li>
    <li class="step">
      <h3 class="step-title" id="h-code"><?cs var:L.Enrol.Step3.Title ?></h3>
      <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/profile/totp" aria-labelledby="h-code">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs if:Totp.Pending ?>
        <input type="hidden" name="pending" value="<?cs var:Totp.Pending ?>"><?cs /if ?>
        <div class="field<?cs if:Form.Errors.code ?> field-invalid<?cs /if ?>">
          <label for="f-code"><?cs var:L.Enrol.CodeLabel ?></label>
          <p class="help" id="f-code-help"><?cs var:L.Enrol.CodeHelp ?></p><?cs call:field_error("code") ?>
          <input id="f-code" name="code" type="text" class="input-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required aria-describedby="f-code-help<?cs if:Form.Errors.code ?> f-code-error<?cs /if ?>"<?cs if:Form.Errors.code ?> aria-invalid="true"<?cs /if ?>>
        </div>
        <div class="actions">
          <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Profile.Totp.Submit ?></span></button>
          <a class="button button-secondary" href="<?cs var:Page.Base ?>/profile/security"><span><?cs var:L.Profile.Cancel ?></span></a>
        </div>
      </form>
    </li>
  </ol>
</section>
<?cs include:"footer.cs" ?>
