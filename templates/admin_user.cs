<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:Admin.User.Name ?></h1>
  <p class="lead"><?cs var:L.Admin.User.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-data">
  <h2 id="h-data"><?cs var:L.Admin.User.Data ?></h2>
  <dl class="facts">
    <dt><?cs var:L.Admin.User.Name ?></dt><dd><?cs var:Admin.User.Name ?></dd>
    <dt><?cs var:L.Admin.User.Email ?></dt><dd><?cs var:Admin.User.Email ?></dd>
    <dt><?cs var:L.Admin.User.Phone ?></dt><dd><?cs if:Admin.User.Phone ?><?cs var:Admin.User.Phone ?><?cs else ?><?cs var:L.Admin.None ?><?cs /if ?></dd>
    <dt><?cs var:L.Admin.User.Language ?></dt><dd><?cs var:L.Lang[Admin.User.Lang] ?></dd>
    <dt><?cs var:L.Admin.User.Status ?></dt><dd><?cs var:L.Admin.UserStatus[Admin.User.Status] ?></dd>
    <dt><?cs var:L.Admin.User.Org ?></dt><dd><?cs if:Admin.User.OrgId ?><?cs if:Admin.User.OrgLink ?><a href="<?cs var:Page.Base ?>/admin/org?id=<?cs var:url_escape(Admin.User.OrgId) ?>"><?cs var:Admin.User.OrgName ?></a><?cs else ?><?cs var:Admin.User.OrgName ?><?cs /if ?><?cs if:Admin.User.OrgStatus == "suspended" ?> (<?cs var:L.Admin.OrgStatus.suspended ?>)<?cs /if ?><?cs else ?><?cs var:L.Admin.NoOrg ?><?cs /if ?></dd>
    <dt><?cs var:L.Admin.User.MFA ?></dt><dd><?cs if:Admin.User.MFA == "1" ?><?cs var:L.Admin.Yes ?><?cs else ?><?cs var:L.Admin.No ?><?cs /if ?></dd>
    <dt><?cs var:L.Admin.User.Sessions ?></dt><dd><?cs var:Admin.User.Sessions ?></dd>
  </dl>
</section>

<section class="section" aria-labelledby="h-roles">
  <h2 id="h-roles"><?cs var:L.Admin.User.Roles ?></h2><?cs if:subcount(Admin.User.Roles) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.Role.Role ?></th><th scope="col"><?cs var:L.Admin.Role.Scope ?></th><th scope="col"><?cs var:L.Admin.User.Expires ?></th><th scope="col"><span class="visually-hidden"><?cs var:L.Admin.Actions ?></span></th></tr></thead>
    <tbody><?cs each:g = Admin.User.Roles ?>
      <tr>
        <td><?cs var:g.Label ?> <code><?cs var:g.Name ?></code><?cs if:g.Stale ?><br><span class="help"><?cs var:L.Admin.User.Stale ?></span><?cs /if ?></td>
        <td><?cs var:L.Admin.Scope[g.Scope] ?></td>
        <td><?cs if:g.Expires ?><span class="nowrap"><?cs var:g.Expires ?></span><?cs else ?><?cs var:L.Admin.User.NoExpiry ?><?cs /if ?></td>
        <td><?cs if:g.Revoke ?>
          <form method="post" action="<?cs var:Page.Base ?>/admin/user/role">
            <?cs call:csrf() ?>
            <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>">
            <input type="hidden" name="role" value="<?cs var:g.Id ?>">
            <input type="hidden" name="action" value="revoke">
            <button type="submit" class="button-small button-secondary"><span><?cs var:L.Admin.User.Revoke ?><span class="visually-hidden">: <?cs var:g.Label ?></span></span></button>
          </form><?cs /if ?></td>
      </tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Admin.User.NoRoles ?></span></p><?cs /if ?><?cs if:subcount(Admin.Grantable) > 0 ?>
  <form method="post" action="<?cs var:Page.Base ?>/admin/user/role">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>">
    <input type="hidden" name="action" value="grant">
    <div class="field">
      <label for="f-role"><?cs var:L.Admin.User.GrantRole ?></label>
      <select id="f-role" name="role"><?cs each:g = Admin.Grantable ?>
        <option value="<?cs var:g.Id ?>"><?cs var:g.Label ?> (<?cs var:g.Name ?>)</option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-expires"><?cs var:L.Admin.User.Expires ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <p class="help" id="f-expires-help"><?cs var:L.Admin.User.ExpiresHelp ?></p>
      <input id="f-expires" name="expires" type="date" aria-describedby="f-expires-help">
    </div>
    <div class="actions">
      <button type="submit"><?cs call:icon("key") ?><span><?cs var:L.Admin.User.Grant ?></span></button>
    </div>
  </form><?cs /if ?>
</section>
<?cs if:Admin.Can.Act ?>
<section class="section" aria-labelledby="h-actions">
  <h2 id="h-actions"><?cs var:L.Admin.User.Actions ?></h2>
  <div class="panels">
    <section class="panel" aria-labelledby="h-status">
      <h3 id="h-status" class="panel-title"><?cs call:icon("user") ?><span><?cs var:L.Admin.User.Status ?></span></h3>
      <form method="post" action="<?cs var:Page.Base ?>/admin/user/status">
        <?cs call:csrf() ?>
        <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>"><?cs if:Admin.User.Status == "disabled" || Admin.User.Status == "locked" ?>
        <input type="hidden" name="action" value="reactivate">
        <p class="help"><?cs var:L.Admin.User.ReactivateHelp ?></p>
        <button type="submit" class="button-secondary"><?cs call:icon("ok") ?><span><?cs var:L.Admin.User.Reactivate ?></span></button><?cs else ?>
        <input type="hidden" name="action" value="deactivate">
        <p class="help"><?cs var:L.Admin.User.DeactivateHelp ?></p>
        <button type="submit" class="button-secondary"><?cs call:icon("lock") ?><span><?cs var:L.Admin.User.Deactivate ?></span></button><?cs /if ?>
      </form>
    </section>
    <section class="panel" aria-labelledby="h-mfa">
      <h3 id="h-mfa" class="panel-title"><?cs call:icon("key") ?><span><?cs var:L.Admin.User.MFA ?></span></h3>
      <p class="help"><?cs var:L.Admin.User.MFAHelp ?></p>
      <form method="post" action="<?cs var:Page.Base ?>/admin/user/mfa-reset">
        <?cs call:csrf() ?>
        <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>">
        <button type="submit" class="button-secondary"><?cs call:icon("refresh") ?><span><?cs var:L.Admin.User.MFAReset ?></span></button>
      </form>
    </section>
    <section class="panel" aria-labelledby="h-sessions">
      <h3 id="h-sessions" class="panel-title"><?cs call:icon("logout") ?><span><?cs var:L.Admin.User.Sessions ?></span></h3>
      <p class="help"><?cs var:L.Admin.User.SessionsHelp ?></p>
      <form method="post" action="<?cs var:Page.Base ?>/admin/user/sessions-end">
        <?cs call:csrf() ?>
        <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>">
        <button type="submit" class="button-secondary"><?cs call:icon("logout") ?><span><?cs var:L.Admin.User.SessionsEnd ?></span></button>
      </form>
    </section>
  </div>
</section><?cs elif:Admin.User.Self ?>
<p class="help"><?cs call:icon("info") ?><span><?cs var:L.Admin.User.SelfNote ?></span></p><?cs /if ?><?cs if:Admin.Can.Move ?>
<section class="section" aria-labelledby="h-move">
  <h2 id="h-move"><?cs var:L.Admin.User.Move ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/user/org">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.User.Id ?>">
    <div class="field">
      <label for="f-org"><?cs var:L.Admin.User.Org ?></label>
      <p class="help" id="f-org-help"><?cs var:L.Admin.User.MoveHelp ?></p>
      <select id="f-org" name="org" aria-describedby="f-org-help"><?cs if:!Admin.User.OrgId ?>
        <option value="0" selected><?cs var:L.Admin.NoOrg ?></option><?cs /if ?><?cs each:o = Admin.Orgs ?>
        <option value="<?cs var:o.Id ?>"<?cs if:o.Selected ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="actions">
      <button type="submit" class="button-secondary"><?cs call:icon("arrow-right") ?><span><?cs var:L.Admin.User.MoveSubmit ?></span></button>
    </div>
  </form>
</section><?cs /if ?>
<?cs include:"footer.cs" ?>
