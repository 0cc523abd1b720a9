<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<section class="error-page" aria-labelledby="error-title">
  <h1 id="error-title"><span class="error-code"><?cs var:Error.Code ?></span> <span class="error-title"><?cs var:Error.Title ?></span></h1>
  <p class="error-text"><?cs var:Error.Text ?></p>
<?cs if:Error.Detail ?>
  <p class="error-detail"><?cs var:Error.Detail ?></p>
<?cs /if ?>
  <ul class="actions">
    <li><a class="button" href="<?cs var:Page.Base ?>/"><?cs call:icon("home") ?><span><?cs var:L.Error.Back ?></span></a></li>
    <li><a class="button button-secondary" href="<?cs var:Page.Base ?>/status"><?cs call:icon("status") ?><span><?cs var:L.Error.StatusLink ?></span></a></li>
  </ul>
<?cs if:Page.RequestId ?>
  <p class="error-ref"><?cs var:L.Error.Reference ?>: <code><?cs var:Page.RequestId ?></code><br><span class="help"><?cs var:L.Error.ReferenceHint ?></span></p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
