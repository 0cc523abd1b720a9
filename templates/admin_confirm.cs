<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="auth">
<section class="auth-card" aria-labelledby="confirm-title">
  <div class="auth-head">
    <span class="auth-mark auth-mark-warn"><?cs call:icon("degraded") ?></span>
    <h1 id="confirm-title"><?cs var:Page.Title ?></h1>
  </div>
  <p class="message-text"><strong><?cs var:Confirm.Subject ?></strong></p>
  <p class="message-text"><?cs var:Confirm.Text ?></p><?cs if:Confirm.Holders ?>
  <p class="message-text"><?cs var:L.Admin.Confirm.Holders ?>: <strong><?cs var:Confirm.Holders ?></strong></p><?cs /if ?>
  <form method="post" action="<?cs var:Page.Base ?><?cs var:Confirm.Action ?>">
    <?cs call:csrf() ?><?cs each:f = Confirm.Fields ?>
    <input type="hidden" name="<?cs var:f.Name ?>" value="<?cs var:f.Value ?>"><?cs /each ?>
    <input type="hidden" name="confirm" value="1">
    <div class="actions">
      <button type="submit" class="button-block"><?cs call:icon("ok") ?><span><?cs var:L.Admin.Confirm.Submit ?></span></button>
    </div>
  </form>
  <ul class="auth-links">
    <li><a href="<?cs var:Page.Base ?><?cs var:Confirm.Back ?>"><?cs call:icon("arrow-left") ?><span><?cs var:L.Admin.Confirm.Cancel ?></span></a></li>
  </ul>
</section>
</div>
<?cs include:"footer.cs" ?>
