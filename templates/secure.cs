<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  The "not you?" link of a sign-in notice.  Opening it only shows this
  page; the POST ends the sessions, so a mail scanner that follows the
  link changes nothing.  Whose account it is is never shown.
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
<?cs if:Secure.Done == 1 ?>
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("lock") ?></span>
    <h1 id="auth-title"><?cs var:L.Secure.Done.Title ?></h1>
  </div>
  <p class="secure-done"><?cs var:L.Secure.Done.Text ?></p>
  <div class="actions">
    <a class="button button-block" href="<?cs var:Page.Base ?>/reset"><?cs call:icon("lock") ?><span><?cs var:L.Secure.Done.Reset ?></span></a>
  </div>
<?cs else ?>
  <div class="auth-head">
    <span class="auth-mark auth-mark-warn"><?cs call:icon("degraded") ?></span>
    <h1 id="auth-title"><?cs var:L.Secure.Title ?></h1>
    <p class="auth-lead"><?cs var:L.Secure.Lead ?></p>
  </div>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/login/secure">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="t" value="<?cs var:Secure.Token ?>">
    <button type="submit" class="button-block"><?cs call:icon("logout") ?><span><?cs var:L.Secure.Submit ?></span></button>
  </form>
  <p class="help auth-note"><?cs var:L.Secure.Note ?></p>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
