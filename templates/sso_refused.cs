<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  The user may not use the application (403).  The way back tells the
  application access_denied: a link (Sso.Back, built from the registered
  redirect URI) or, for response_mode=form_post, a form posting it.
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("lock") ?></span>
    <h1 id="auth-title"><?cs var:L.Sso.Refused.Title ?></h1>
  </div>
  <p class="message-text"><?cs var:L.Sso.Refused.Before ?> <strong class="sso-app"><?cs var:Sso.App ?></strong><?cs var:L.Sso.Refused.After ?></p>
  <p class="help"><?cs var:L.Sso.Refused.Help ?></p>
  <div class="actions"><?cs if:Sso.Back ?>
    <a class="button button-block sso-back" href="<?cs var:Sso.Back ?>"><?cs call:icon("arrow-left") ?><span><?cs var:L.Sso.Refused.Back ?></span></a><?cs else ?>
    <form method="post" action="<?cs var:Sso.Action ?>"><?cs each:p = Sso.Post ?>
      <input type="hidden" name="<?cs var:p.Name ?>" value="<?cs var:p.Value ?>"><?cs /each ?>
      <button type="submit" class="button-block"><?cs call:icon("arrow-left") ?><span><?cs var:L.Sso.Refused.Back ?></span></button>
    </form><?cs /if ?>
  </div>
</section>
</div>
<?cs include:"footer.cs" ?>
