<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  The consent page (token-authorize.c): which application asks, what each
  scope gives it, and the authorization request again as hidden fields:
  /sso/consent checks it all anew.
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("lock") ?></span>
    <h1 id="auth-title"><?cs var:L.Sso.Consent.Title ?></h1>
    <p class="auth-lead"><?cs var:L.Sso.Consent.Before ?> <strong class="sso-app"><?cs var:Sso.App ?></strong> <?cs var:L.Sso.Consent.After ?></p>
  </div>
  <ul class="sso-scopes"><?cs each:s = Sso.Scope ?>
    <li><?cs if:s.Text ?><?cs var:s.Text ?><?cs else ?><?cs var:L.Sso.Scope.Other ?> <code><?cs var:s.Name ?></code><?cs /if ?></li><?cs /each ?>
  </ul>
  <p class="help"><?cs var:L.Sso.Consent.Revoke ?></p>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/sso/consent">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs each:h = Sso.Hidden ?>
    <input type="hidden" name="<?cs var:h.Name ?>" value="<?cs var:h.Value ?>"><?cs /each ?>
    <div class="actions">
      <button type="submit" name="decision" value="allow"><?cs call:icon("ok") ?><span><?cs var:L.Sso.Consent.Allow ?></span></button>
      <button type="submit" name="decision" value="deny" class="button-secondary"><span><?cs var:L.Sso.Consent.Deny ?></span></button>
    </div>
  </form>
</section>
</div>
<?cs include:"footer.cs" ?>
