<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="auth">
<section class="auth-card" aria-labelledby="secret-title">
  <div class="auth-head">
    <span class="auth-mark auth-mark-warn"><?cs call:icon("key") ?></span>
    <h1 id="secret-title"><?cs var:Page.Title ?></h1>
  </div>
  <p class="message-text"><?cs if:Admin.Secret.Renewed ?><?cs var:L.Admin.Apps.Secret.Renewed ?><?cs else ?><?cs var:L.Admin.Apps.Secret.Created ?><?cs /if ?></p>
  <dl class="facts">
    <dt><?cs var:L.Admin.App.ClientId ?></dt><dd><code id="client-id"><?cs var:Admin.Secret.ClientId ?></code></dd>
    <dt><?cs var:L.Admin.Apps.Secret.Label ?></dt><dd><code id="client-secret"><?cs var:Admin.Secret.Value ?></code></dd>
  </dl>
  <div class="alert alert-notice" role="status"><?cs call:icon("info") ?><p><?cs var:L.Admin.Apps.Secret.Once ?></p></div>
  <ul class="auth-links">
    <li><a href="<?cs var:Page.Base ?>/admin/app?id=<?cs var:url_escape(Admin.Secret.AppId) ?>"><?cs call:icon("arrow-right") ?><span><?cs var:L.Admin.Apps.Secret.Continue ?></span></a></li>
  </ul>
</section>
</div>
<?cs include:"footer.cs" ?>
