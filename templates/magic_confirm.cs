<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  Opening a link only shows this page; the POST signs in, so a mail
  scanner that follows the link does not use it up. The address is never
  shown: whoever holds a link must not learn whose it is.
?>
<div class="auth">
<section class="auth-card" aria-labelledby="auth-title">
<?cs if:Magic.Invalid == 1 ?>
  <div class="auth-head">
    <span class="auth-mark auth-mark-warn"><?cs call:icon("clock") ?></span>
    <h1 id="auth-title"><?cs var:L.Magic.Invalid.Title ?></h1>
  </div>
  <p><?cs var:L.Magic.Invalid.Text ?></p>
  <div class="actions">
    <a class="button button-block" href="<?cs var:Page.Base ?>/magic"><?cs call:icon("mail") ?><span><?cs var:L.Magic.Invalid.Again ?></span></a>
  </div>
  <ul class="auth-links">
    <li><a href="<?cs var:Page.Base ?>/login"><?cs call:icon("lock") ?><span><?cs var:L.Magic.WithPassword ?></span></a></li>
  </ul>
<?cs else ?>
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("login") ?></span>
    <h1 id="auth-title"><?cs var:L.Magic.Confirm.Title ?></h1>
    <p class="auth-lead"><?cs var:L.Magic.Confirm.Lead ?></p>
  </div>
<?cs if:Form.Message ?>
  <div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/magic/callback">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="t" value="<?cs var:Magic.Token ?>">
    <button type="submit" class="button-block"><?cs call:icon("login") ?><span><?cs var:L.Magic.Confirm.Submit ?></span></button>
  </form>
  <p class="help auth-note"><?cs var:L.Magic.Confirm.Note ?></p>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
