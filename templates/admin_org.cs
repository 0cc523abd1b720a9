<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:Admin.Org.Name ?></h1>
  <p class="lead"><?cs var:L.Admin.Kind[Admin.Org.Kind] ?> · <?cs var:L.Admin.OrgStatus[Admin.Org.Status] ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-edit">
  <h2 id="h-edit"><?cs var:L.Admin.Org.Edit ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/org">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.Org.Id ?>">
    <?cs call:field_text("name", L.Admin.Org.Name, Form.Name, L.Admin.Org.NameHelp, "text", 1) ?>
    <?cs call:org_kind() ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Admin.Save ?></span></button>
    </div>
  </form>
</section>
<section class="section" aria-labelledby="h-status">
  <h2 id="h-status"><?cs var:L.Admin.Org.Status ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/org/status">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.Org.Id ?>"><?cs if:Admin.Org.Status == "suspended" ?>
    <input type="hidden" name="action" value="reactivate">
    <p class="help"><?cs var:L.Admin.Org.ReactivateHelp ?></p>
    <button type="submit" class="button-secondary"><?cs call:icon("ok") ?><span><?cs var:L.Admin.Org.Reactivate ?></span></button><?cs elif:!Admin.Org.Own ?>
    <input type="hidden" name="action" value="suspend">
    <p class="help"><?cs var:L.Admin.Org.SuspendHelp ?></p>
    <button type="submit" class="button-secondary"><?cs call:icon("lock") ?><span><?cs var:L.Admin.Org.Suspend ?></span></button><?cs else ?>
    <p class="help"><?cs var:L.Admin.Org.Error.Own ?></p><?cs /if ?>
  </form>
</section>
<section class="section" aria-labelledby="h-members">
  <h2 id="h-members"><?cs var:L.Admin.Org.Members ?></h2><?cs if:Admin.Org.Truncated ?>
  <p class="alert alert-warn"><?cs call:icon("info") ?><span><?cs var:L.Admin.Users.Truncated ?></span></p><?cs /if ?><?cs if:subcount(Admin.Members) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.User.Name ?></th><th scope="col"><?cs var:L.Admin.User.Email ?></th><th scope="col"><?cs var:L.Admin.User.Status ?></th></tr></thead>
    <tbody><?cs each:m = Admin.Members ?>
      <tr><td><?cs if:Admin.Can.Users ?><a href="<?cs var:Page.Base ?>/admin/user?id=<?cs var:url_escape(m.Id) ?>"><?cs var:m.Name ?></a><?cs else ?><?cs var:m.Name ?><?cs /if ?></td><td><?cs var:m.Email ?></td><td><?cs var:L.Admin.UserStatus[m.Status] ?></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Admin.Org.NoMembers ?></span></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
