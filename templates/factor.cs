<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  The second factor. The method shown open is the one a code was just
  sent for, else the preselected Factor.Method, else the first one; the
  others wait in <details> elements, so choosing needs no script.
  Form.Errors.code belongs to the open method only.
?><?cs set:Factor.Shown = Factor.Methods.0 ?><?cs
each:m = Factor.Methods ?><?cs if:m == Factor.Method ?><?cs set:Factor.Shown = m ?><?cs /if ?><?cs /each ?><?cs
if:Factor.Sent ?><?cs each:m = Factor.Methods ?><?cs if:m == Factor.Sent ?><?cs set:Factor.Shown = m ?><?cs /if ?><?cs /each ?><?cs /if ?><?cs

def:factor_icon(m) ?><?cs
  if:m == "totp" ?><?cs call:icon("app") ?><?cs
  elif:m == "email" ?><?cs call:icon("mail") ?><?cs
  elif:m == "sms" ?><?cs call:icon("message") ?><?cs
  else ?><?cs call:icon("lifebuoy") ?><?cs /if ?><?cs
/def ?><?cs

def:factor_hidden(m, action) ?>
      <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
      <input type="hidden" name="method" value="<?cs var:m ?>">
      <input type="hidden" name="action" value="<?cs var:action ?>"><?cs
/def ?><?cs

def:factor_code(m, open) ?>
    <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/login/factor"><?cs call:factor_hidden(m, "verify") ?>
      <div class="field<?cs if:open && Form.Errors.code ?> field-invalid<?cs /if ?>">
        <label for="f-code-<?cs var:m ?>"><?cs var:L.Factor.CodeLabel[m] ?></label>
        <p class="help" id="f-code-<?cs var:m ?>-help"><?cs var:L.Factor.CodeHelp[m] ?></p><?cs
        if:open ?><?cs call:field_error("code") ?><?cs /if ?><?cs
        if:m == "recovery" ?>
        <input id="f-code-<?cs var:m ?>" name="code" type="text" class="input-recovery" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="64" required<?cs
        else ?>
        <input id="f-code-<?cs var:m ?>" name="code" type="text" class="input-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required<?cs
        /if ?><?cs if:open ?> autofocus<?cs /if ?><?cs
        if:open && Form.Errors.code ?> aria-invalid="true" aria-describedby="f-code-<?cs var:m ?>-help f-code-error"<?cs
        else ?> aria-describedby="f-code-<?cs var:m ?>-help"<?cs /if ?>>
      </div>
      <button type="submit" class="button-block"><?cs call:icon("ok") ?><span><?cs var:L.Factor.Verify ?></span></button>
    </form><?cs
/def ?><?cs

def:factor_body(m, open) ?>
<?cs if:Factor.Sent != m ?>
    <p class="method-intro"><?cs var:L.Factor.Intro[m] ?></p><?cs /if ?><?cs
  if:m == "email" || m == "sms" ?><?cs
    if:Factor.Sent == m ?><?cs
      if:!Form.Notice ?>
    <div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:L.Factor.SentTo[m] ?></p></div><?cs
      /if ?><?cs
      call:factor_code(m, open) ?>
    <form class="resend" method="post" action="<?cs var:Page.Base ?>/login/factor"><?cs call:factor_hidden(m, "send") ?>
      <p><?cs var:L.Factor.NoCode ?> <button type="submit" class="button-link"><?cs var:L.Factor.Resend ?></button></p>
    </form><?cs
    else ?>
    <form method="post" action="<?cs var:Page.Base ?>/login/factor"><?cs call:factor_hidden(m, "send") ?>
      <button type="submit" class="button-block<?cs if:!open ?> button-secondary<?cs /if ?>"><?cs call:factor_icon(m) ?><span><?cs var:L.Factor.Send[m] ?></span></button>
    </form><?cs
    /if ?><?cs
  else ?><?cs
    call:factor_code(m, open) ?><?cs
  /if ?><?cs
/def ?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("shield") ?></span>
    <h1 id="auth-title"><?cs var:L.Factor.Title ?></h1>
    <p class="auth-lead"><?cs if:Factor.StepUp ?><?cs var:L.Factor.StepUp ?><?cs else ?><?cs var:L.Factor.Lead ?><?cs /if ?></p>
  </div>
<?cs if:Form.Message ?>
  <div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
  <div class="alert alert-notice" role="status"><?cs call:icon("info") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?>
<?cs if:Factor.Shown ?>
  <section class="method method-open" aria-labelledby="h-method">
    <h2 id="h-method" class="method-title"><?cs call:factor_icon(Factor.Shown) ?><span><?cs var:L.Factor.Method[Factor.Shown] ?></span></h2><?cs
    call:factor_body(Factor.Shown, 1) ?>
  </section>
<?cs if:subcount(Factor.Methods) > 1 ?>
  <section class="methods-other" aria-labelledby="h-other">
    <h2 id="h-other" class="methods-other-title"><?cs var:L.Factor.Other ?></h2><?cs
    each:m = Factor.Methods ?><?cs if:m != Factor.Shown ?>
    <details class="method">
      <summary><?cs call:factor_icon(m) ?><span><?cs var:L.Factor.Method[m] ?></span></summary>
      <div class="method-body"><?cs call:factor_body(m, 0) ?>
      </div>
    </details><?cs /if ?><?cs /each ?>
  </section>
<?cs /if ?>
<?cs else ?>
  <p class="alert alert-warn"><?cs call:icon("degraded") ?><span><?cs var:L.Factor.None ?></span></p>
<?cs /if ?>
  <ul class="auth-links">
    <li><a href="<?cs var:Page.Base ?>/login"><?cs call:icon("arrow-left") ?><span><?cs var:L.Auth.BackToLogin ?></span></a></li>
  </ul>
</section>
</div>
<?cs include:"footer.cs" ?>
