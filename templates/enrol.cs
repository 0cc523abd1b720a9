<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div class="auth">
<section class="auth-card auth-card-wide" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("app") ?></span>
    <h1 id="auth-title"><?cs var:L.Enrol.Title ?></h1>
    <p class="auth-lead"><?cs var:L.Enrol.Lead ?></p>
  </div>
<?cs if:Form.Message ?>
  <div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
  <div class="alert alert-notice" role="status"><?cs call:icon("info") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?>
  <ol class="steps">
    <li class="step">
      <h2 class="step-title"><?cs var:L.Enrol.Step1.Title ?></h2>
      <p><?cs var:L.Enrol.Step1.Text ?></p>
    </li>
    <li class="step">
      <h2 class="step-title"><?cs var:L.Enrol.Step2.Title ?></h2>
      <p><?cs var:L.Enrol.Step2.Text ?></p>
      <div class="qr">
        <img src="<?cs var:Enrol.QR ?>" alt="<?cs var:L.Enrol.QRAlt ?>" width="220" height="220">
      </div>
      <p><?cs var:L.Enrol.Manual ?></p>
      <p class="secret"><span class="visually-hidden"><?cs var:L.Enrol.SecretLabel ?>: </span><code><?cs var:Enrol.Secret ?></code></p>
      <p class="help"><?cs var:L.Enrol.ManualHelp ?></p>
      <details class="disclosure">
        <summary><?cs var:L.Enrol.URILabel ?></summary>
        <p class="help"><?cs var:L.Enrol.URIHelp ?></p>
        <p class="uri"><code><?cs var:Enrol.URI ?></code></p>
      </details>
    </li>
    <li class="step">
      <h2 class="step-title" id="h-step3"><?cs var:L.Enrol.Step3.Title ?></h2>
      <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/login/enrol" aria-labelledby="h-step3">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <div class="field<?cs if:Form.Errors.code ?> field-invalid<?cs /if ?>">
          <label for="f-code"><?cs var:L.Enrol.CodeLabel ?></label>
          <p class="help" id="f-code-help"><?cs var:L.Enrol.CodeHelp ?></p><?cs call:field_error("code") ?>
          <input id="f-code" name="code" type="text" class="input-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required aria-describedby="f-code-help<?cs if:Form.Errors.code ?> f-code-error<?cs /if ?>"<?cs if:Form.Errors.code ?> aria-invalid="true"<?cs /if ?>>
        </div>
        <button type="submit" class="button-block"><?cs call:icon("ok") ?><span><?cs var:L.Enrol.Submit ?></span></button>
      </form>
    </li>
  </ol>
</section>
</div>
<?cs include:"footer.cs" ?>
