<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  Signing out of the single sign-on session (token-logout.c, and login's
  /logout when an application has a front-channel logout URI).
  SSO.Confirm == 1: an application asked (end_session) without proving
  the session is the one it knows: ask first.  The form carries the
  request on (SSO.Hint, SSO.ClientId, SSO.Redirect, SSO.State) and the
  handler checks it all again.  SSO.AppName: who asks (may be empty).
  Otherwise: signed out.  SSO.Frontchannel.N.URL are the applications'
  front-channel logout URIs (with iss and sid), loaded in hidden frames
  (the response's CSP allows their origins); SSO.Next: where to go on.
?><div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
<?cs if:SSO.Confirm == 1 ?>
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("logout") ?></span>
    <h1 id="auth-title"><?cs var:L.SsoApps.Logout.ConfirmTitle ?></h1>
  </div>
  <p class="message-text"><?cs var:L.SsoApps.Logout.ConfirmText ?></p>
<?cs if:SSO.AppName ?>
  <p class="card-meta"><?cs call:icon("app") ?><span><?cs var:L.SsoApps.Logout.ConfirmApp ?>: <strong class="sso-app"><?cs var:SSO.AppName ?></strong></span></p>
<?cs /if ?>
  <form method="post" action="<?cs var:Page.Base ?>/sso/logout">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
<?cs if:SSO.Hint ?>    <input type="hidden" name="id_token_hint" value="<?cs var:SSO.Hint ?>">
<?cs /if ?><?cs if:SSO.ClientId ?>    <input type="hidden" name="client_id" value="<?cs var:SSO.ClientId ?>">
<?cs /if ?><?cs if:SSO.Redirect ?>    <input type="hidden" name="post_logout_redirect_uri" value="<?cs var:SSO.Redirect ?>">
<?cs /if ?><?cs if:SSO.State ?>    <input type="hidden" name="state" value="<?cs var:SSO.State ?>">
<?cs /if ?>    <div class="actions">
      <button type="submit" class="button-block"><?cs call:icon("logout") ?><span><?cs var:L.SsoApps.Logout.Confirm ?></span></button>
      <a class="button button-secondary button-block" href="<?cs var:Page.Base ?>/"><span><?cs var:L.SsoApps.Logout.Cancel ?></span></a>
    </div>
  </form>
<?cs else ?>
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("ok") ?></span>
    <h1 id="auth-title"><?cs var:L.SsoApps.Logout.DoneTitle ?></h1>
  </div>
  <p class="message-text"><?cs var:L.SsoApps.Logout.DoneText ?></p>
<?cs if:subcount(SSO.Frontchannel) > 0 ?>
  <p class="message-text"><?cs var:L.SsoApps.Logout.FramesText ?></p>
  <div class="sso-frames" hidden><?cs each:f = SSO.Frontchannel ?>
    <iframe class="sso-frame" src="<?cs var:f.URL ?>" title="<?cs var:L.SsoApps.Logout.FrameTitle ?>" width="0" height="0" hidden></iframe><?cs /each ?>
  </div>
<?cs /if ?>
  <div class="actions">
    <a class="button button-block sso-next" href="<?cs var:SSO.Next ?>"><span><?cs var:L.SsoApps.Logout.Continue ?></span><?cs call:icon("arrow-right") ?></a>
  </div>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
