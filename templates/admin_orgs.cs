<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Orgs.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Orgs.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-orgs">
  <h2 id="h-orgs"><?cs var:L.Admin.Orgs.List ?></h2><?cs if:subcount(Admin.Orgs) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.Org.Name ?></th><th scope="col"><?cs var:L.Admin.Org.Kind ?></th><th scope="col"><?cs var:L.Admin.Org.Status ?></th><th scope="col"><?cs var:L.Admin.Org.Members ?></th></tr></thead>
    <tbody><?cs each:o = Admin.Orgs ?>
      <tr><td><a href="<?cs var:Page.Base ?>/admin/org?id=<?cs var:url_escape(o.Id) ?>"><?cs var:o.Name ?></a></td><td><?cs var:L.Admin.Kind[o.Kind] ?></td><td><?cs var:L.Admin.OrgStatus[o.Status] ?></td><td><?cs var:o.Members ?></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Admin.Orgs.None ?></span></p><?cs /if ?>
</section><?cs if:Admin.Can.Create ?>
<section class="section" aria-labelledby="h-create">
  <h2 id="h-create"><?cs var:L.Admin.Orgs.Create ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/orgs">
    <?cs call:csrf() ?>
    <?cs call:field_text("name", L.Admin.Org.Name, Form.Name, L.Admin.Org.NameHelp, "text", 1) ?>
    <?cs call:org_kind() ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("home") ?><span><?cs var:L.Admin.Orgs.Submit ?></span></button>
    </div>
  </form>
</section><?cs /if ?>
<?cs include:"footer.cs" ?>
