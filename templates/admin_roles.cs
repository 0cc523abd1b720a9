<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Roles.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Roles.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-roles">
  <h2 id="h-roles"><?cs var:L.Admin.Roles.List ?></h2>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.Role.Role ?></th><th scope="col"><?cs var:L.Admin.Role.Scope ?></th><th scope="col"><?cs var:L.Admin.Role.Approval ?></th><th scope="col"><?cs var:L.Admin.Role.Requestable ?></th><th scope="col"><?cs var:L.Admin.Role.Holders ?></th></tr></thead>
    <tbody><?cs each:g = Admin.RoleList ?>
      <tr><td><a href="<?cs var:Page.Base ?>/admin/role?id=<?cs var:url_escape(g.Id) ?>"><?cs var:g.Label ?></a> <code><?cs var:g.Name ?></code><?cs if:g.Builtin == "1" ?> <span class="tag"><?cs var:L.Admin.Role.Builtin ?></span><?cs /if ?></td><td><?cs var:L.Admin.Scope[g.Scope] ?></td><td><?cs var:L.Admin.Approval[g.Approval] ?></td><td><?cs if:g.Requestable == "1" ?><?cs var:L.Admin.Yes ?><?cs else ?><?cs var:L.Admin.No ?><?cs /if ?></td><td><?cs var:g.Holders ?></td></tr><?cs /each ?>
    </tbody>
  </table>
</section>
<section class="section" aria-labelledby="h-create">
  <h2 id="h-create"><?cs var:L.Admin.Roles.Create ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/roles">
    <?cs call:csrf() ?>
    <?cs call:field_text("name", L.Admin.Role.Name, Form.Name, L.Admin.Role.NameHelp, "text", 1) ?>
    <div class="field<?cs if:Form.Errors.scope ?> field-invalid<?cs /if ?>">
      <label for="f-scope"><?cs var:L.Admin.Role.Scope ?></label>
      <p class="help" id="f-scope-help"><?cs var:L.Admin.Role.ScopeHelp ?></p><?cs call:field_error("scope") ?>
      <select id="f-scope" name="scope" aria-describedby="f-scope-help">
        <option value="org"<?cs if:Form.Scope == "org" ?> selected<?cs /if ?>><?cs var:L.Admin.Scope.org ?></option>
        <option value="global"<?cs if:Form.Scope == "global" ?> selected<?cs /if ?>><?cs var:L.Admin.Scope.global ?></option>
      </select>
    </div>
    <?cs call:approval_select() ?>
    <?cs call:perm_boxes() ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("key") ?><span><?cs var:L.Admin.Roles.Submit ?></span></button>
    </div>
  </form>
</section>
<?cs include:"footer.cs" ?>
