<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?><?cs
# One URI a line (a text area), with its error. ?><?cs
def:uri_area(name, label, value, help) ?>
    <div class="field<?cs if:Form.Errors[name] ?> field-invalid<?cs /if ?>">
      <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
      <p class="help" id="f-<?cs var:name ?>-help"><?cs var:help ?></p><?cs call:field_error(name) ?>
      <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="3" spellcheck="false" aria-describedby="f-<?cs var:name ?>-help"><?cs var:value ?></textarea>
    </div><?cs
/def ?><?cs
# A single URI: text as well, so that a line break in it gets a message. ?><?cs
def:uri_field(name, label, value, help) ?>
    <div class="field<?cs if:Form.Errors[name] ?> field-invalid<?cs /if ?>">
      <label for="f-<?cs var:name ?>"><?cs var:label ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <p class="help" id="f-<?cs var:name ?>-help"><?cs var:help ?></p><?cs call:field_error(name) ?>
      <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="url" value="<?cs var:value ?>" spellcheck="false" aria-describedby="f-<?cs var:name ?>-help">
    </div><?cs
/def ?><?cs
def:box(name, checked, label) ?>
      <div><input type="checkbox" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="1"<?cs if:checked == "1" ?> checked<?cs /if ?>>
        <label for="f-<?cs var:name ?>"><?cs var:label ?></label></div><?cs
/def ?><?cs
# The fields registration and editing share. ?><?cs
def:app_fields() ?>
    <?cs call:field_text("name", L.Admin.App.Name, Form.Name, L.Admin.App.NameHelp, "text", 1) ?>
    <?cs call:uri_area("redirect_uris", L.Admin.App.RedirectUris, Form.RedirectUris, L.Admin.App.RedirectHelp) ?>
    <?cs call:uri_area("post_logout_uris", L.Admin.App.PostLogoutUris, Form.PostLogoutUris, L.Admin.App.PostLogoutHelp) ?>
    <?cs call:uri_field("initiate_login_uri", L.Admin.App.Initiate, Form.Initiate, L.Admin.App.InitiateHelp) ?>
    <?cs call:uri_field("frontchannel_logout_uri", L.Admin.App.Front, Form.Front, L.Admin.App.FrontHelp) ?>
    <?cs call:uri_field("backchannel_logout_uri", L.Admin.App.Back, Form.Back, L.Admin.App.BackHelp) ?>
    <?cs call:uri_field("icon", L.Admin.App.Icon, Form.Icon, L.Admin.App.IconHelp) ?>
    <fieldset class="field<?cs if:Form.Errors.grants ?> field-invalid<?cs /if ?>">
      <legend><?cs var:L.Admin.App.Grants ?></legend>
      <p class="help"><?cs var:L.Admin.App.GrantsHelp ?></p><?cs call:field_error("grants") ?><?cs
      call:box("g_authorization_code", Form.Grant.authorization_code, L.Admin.App.Grant.authorization_code) ?><?cs
      call:box("g_refresh_token", Form.Grant.refresh_token, L.Admin.App.Grant.refresh_token) ?><?cs
      call:box("g_client_credentials", Form.Grant.client_credentials, L.Admin.App.Grant.client_credentials) ?>
    </fieldset>
    <fieldset class="field<?cs if:Form.Errors.scopes ?> field-invalid<?cs /if ?>">
      <legend><?cs var:L.Admin.App.Scopes ?></legend>
      <p class="help"><?cs var:L.Admin.App.ScopesHelp ?></p><?cs call:field_error("scopes") ?>
      <div><input type="checkbox" id="f-s_openid" checked disabled>
        <label for="f-s_openid"><code>openid</code> <?cs var:L.Admin.App.OpenidAlways ?></label></div><?cs
      call:box("s_profile", Form.Scope.profile, L.Admin.App.Scope.profile) ?><?cs
      call:box("s_email", Form.Scope.email, L.Admin.App.Scope.email) ?><?cs
      call:box("s_roles", Form.Scope.roles, L.Admin.App.Scope.roles) ?><?cs
      call:box("s_offline_access", Form.Scope.offline_access, L.Admin.App.Scope.offline_access) ?>
    </fieldset>
    <fieldset class="field">
      <legend><?cs var:L.Admin.App.Behaviour ?></legend><?cs
      call:box("trusted", Form.Trusted, L.Admin.App.TrustedHelp) ?><?cs
      call:box("pairwise", Form.Pairwise, L.Admin.App.PairwiseHelp) ?>
    </fieldset>
    <fieldset class="field<?cs if:Form.Errors.audience ?> field-invalid<?cs /if ?>">
      <legend><?cs var:L.Admin.App.Audience ?></legend><?cs call:field_error("audience") ?>
      <div><label><input type="radio" name="audience" value="all"<?cs if:Form.Audience == "all" ?> checked<?cs /if ?>> <?cs var:L.Admin.App.Audiences.all ?></label></div>
      <div><label><input type="radio" name="audience" value="restricted"<?cs if:Form.Audience == "restricted" ?> checked<?cs /if ?>> <?cs var:L.Admin.App.AudienceRestricted ?></label></div>
    </fieldset><?cs
/def ?><?cs
def:role_select(name) ?>
      <select id="f-<?cs var:name ?>" name="role">
        <option value="0"><?cs var:L.Admin.App.NoRole ?></option><?cs each:g = Admin.AppRoles ?>
        <option value="<?cs var:g.Id ?>"<?cs if:g.Selected ?> selected<?cs /if ?>><?cs var:g.Label ?> (<?cs var:g.Name ?>)</option><?cs /each ?>
      </select><?cs
/def ?><?cs
def:org_select(name) ?>
      <select id="f-<?cs var:name ?>" name="org">
        <option value="0"><?cs var:L.Admin.App.NoOrg ?></option><?cs each:o = Admin.Orgs ?>
        <option value="<?cs var:o.Id ?>"<?cs if:o.Selected ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select><?cs
/def ?>
<?cs call:admin_nav() ?><?cs if:Admin.App.New ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Apps.New ?></h1>
  <p class="lead"><?cs var:L.Admin.Apps.NewLead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-new">
  <h2 id="h-new"><?cs var:L.Admin.Apps.Register ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/apps/new">
    <?cs call:csrf() ?>
    <?cs call:field_text("client_id", L.Admin.App.ClientId, Form.ClientId, L.Admin.App.ClientIdHelp, "text", 0) ?>
    <fieldset class="field">
      <legend><?cs var:L.Admin.App.Type ?></legend>
      <div><label><input type="radio" name="client_type" value="confidential"<?cs if:Form.ClientType != "public" ?> checked<?cs /if ?>> <?cs var:L.Admin.App.TypeHelp.confidential ?></label></div>
      <div><label><input type="radio" name="client_type" value="public"<?cs if:Form.ClientType == "public" ?> checked<?cs /if ?>> <?cs var:L.Admin.App.TypeHelp.public ?></label></div>
    </fieldset>
    <?cs call:app_fields() ?>
    <div class="field<?cs if:Form.Errors.role ?> field-invalid<?cs /if ?>">
      <label for="f-role"><?cs var:L.Admin.App.FirstRole ?></label><?cs call:field_error("role") ?><?cs call:role_select("role") ?>
    </div>
    <div class="field<?cs if:Form.Errors.org ?> field-invalid<?cs /if ?>">
      <label for="f-org"><?cs var:L.Admin.App.FirstOrg ?></label><?cs call:field_error("org") ?><?cs call:org_select("org") ?>
    </div>
    <div class="actions">
      <button type="submit"><?cs call:icon("app") ?><span><?cs var:L.Admin.Apps.Register ?></span></button>
      <a class="button button-secondary" href="<?cs var:Page.Base ?>/admin/apps"><?cs call:icon("arrow-left") ?><span><?cs var:L.Admin.Confirm.Cancel ?></span></a>
    </div>
  </form>
</section><?cs else ?>
<div class="page-head">
  <h1><?cs var:Admin.App.Name ?></h1>
  <p class="lead"><?cs var:L.Admin.App.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-facts">
  <h2 id="h-facts"><?cs var:L.Admin.App.Facts ?></h2>
  <dl class="facts">
    <dt><?cs var:L.Admin.App.ClientId ?></dt><dd><code><?cs var:Admin.App.ClientId ?></code></dd>
    <dt><?cs var:L.Admin.App.Type ?></dt><dd><?cs var:L.Admin.App.Types[Admin.App.Type] ?></dd>
    <dt><?cs var:L.Admin.App.Status ?></dt><dd><?cs var:L.Admin.App.States[Admin.App.Status] ?></dd>
    <dt><?cs var:L.Admin.App.Created ?></dt><dd><?cs var:Admin.App.Created ?></dd>
    <dt><?cs var:L.Admin.App.Updated ?></dt><dd><?cs var:Admin.App.Updated ?></dd>
  </dl>
  <p class="help"><?cs var:L.Admin.App.Fixed ?></p>
</section>
<section class="section" aria-labelledby="h-edit">
  <h2 id="h-edit"><?cs var:L.Admin.App.Edit ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/app">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.App.Id ?>">
    <?cs call:app_fields() ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Admin.Save ?></span></button>
    </div>
  </form>
</section>
<section class="section" aria-labelledby="h-access">
  <h2 id="h-access"><?cs var:L.Admin.App.Access ?></h2><?cs if:Admin.App.Audience == "all" ?>
  <p class="help"><?cs var:L.Admin.App.AccessAll ?></p><?cs else ?><?cs if:subcount(Admin.Access) == 0 ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Admin.App.AccessNone ?></span></p><?cs /if ?><?cs /if ?><?cs if:subcount(Admin.Access) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.App.AccessWho ?></th><th scope="col"><?cs var:L.Admin.Actions ?></th></tr></thead>
    <tbody><?cs each:x = Admin.Access ?>
      <tr><td><?cs var:L.Admin.App.AccessKind[x.Kind] ?>: <?cs var:x.Label ?><?cs if:x.Name ?> <code><?cs var:x.Name ?></code><?cs /if ?></td><td>
        <form method="post" action="<?cs var:Page.Base ?>/admin/app/access">
          <?cs call:csrf() ?>
          <input type="hidden" name="id" value="<?cs var:Admin.App.Id ?>">
          <input type="hidden" name="action" value="revoke">
          <input type="hidden" name="<?cs var:x.Kind ?>" value="<?cs var:x.Id ?>">
          <button type="submit" class="button-small button-secondary"><span><?cs var:L.Admin.App.AccessRemove ?></span></button>
        </form></td></tr><?cs /each ?>
    </tbody>
  </table><?cs /if ?>
  <form method="post" action="<?cs var:Page.Base ?>/admin/app/access">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.App.Id ?>">
    <input type="hidden" name="action" value="grant">
    <div class="field">
      <label for="f-a-role"><?cs var:L.Admin.App.AddRole ?></label><?cs call:role_select("a-role") ?>
    </div>
    <button type="submit" class="button-secondary"><span><?cs var:L.Admin.App.AccessAdd ?></span></button>
  </form>
  <form method="post" action="<?cs var:Page.Base ?>/admin/app/access">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.App.Id ?>">
    <input type="hidden" name="action" value="grant">
    <div class="field">
      <label for="f-a-org"><?cs var:L.Admin.App.AddOrg ?></label><?cs call:org_select("a-org") ?>
    </div>
    <button type="submit" class="button-secondary"><span><?cs var:L.Admin.App.AccessAdd ?></span></button>
  </form>
</section>
<section class="section" aria-labelledby="h-manage">
  <h2 id="h-manage"><?cs var:L.Admin.App.Manage ?></h2>
  <div class="actions">
    <form method="post" action="<?cs var:Page.Base ?>/admin/app/status">
      <?cs call:csrf() ?>
      <input type="hidden" name="id" value="<?cs var:Admin.App.Id ?>"><?cs if:Admin.App.Status == "active" ?>
      <input type="hidden" name="action" value="deactivate">
      <button type="submit" class="button-secondary"><?cs call:icon("lock") ?><span><?cs var:L.Admin.App.Disable ?></span></button><?cs else ?>
      <input type="hidden" name="action" value="reactivate">
      <button type="submit" class="button-secondary"><?cs call:icon("ok") ?><span><?cs var:L.Admin.App.Enable ?></span></button><?cs /if ?>
    </form><?cs if:Admin.App.Type == "confidential" ?>
    <form method="post" action="<?cs var:Page.Base ?>/admin/app/secret">
      <?cs call:csrf() ?>
      <input type="hidden" name="id" value="<?cs var:Admin.App.Id ?>">
      <button type="submit" class="button-secondary"><?cs call:icon("key") ?><span><?cs var:L.Admin.App.RenewSecret ?></span></button>
    </form><?cs /if ?>
    <form method="post" action="<?cs var:Page.Base ?>/admin/app/delete">
      <?cs call:csrf() ?>
      <input type="hidden" name="id" value="<?cs var:Admin.App.Id ?>">
      <button type="submit" class="button-secondary"><?cs call:icon("degraded") ?><span><?cs var:L.Admin.Delete ?></span></button>
    </form>
  </div>
  <p class="help"><?cs var:L.Admin.App.ManageHelp ?></p>
</section><?cs /if ?>
<?cs include:"footer.cs" ?>
