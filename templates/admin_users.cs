<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Users.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Users.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-search">
  <h2 id="h-search"><?cs var:L.Admin.Users.Search ?></h2>
  <form method="get" action="<?cs var:Page.Base ?>/admin/users" role="search">
    <div class="field">
      <label for="f-q"><?cs var:L.Admin.Users.Q ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <p class="help" id="f-q-help"><?cs var:L.Admin.Users.QHelp ?></p>
      <input id="f-q" name="q" type="search" value="<?cs var:Admin.Search.Q ?>" maxlength="254" autocomplete="off" aria-describedby="f-q-help">
    </div><?cs if:Admin.Search.Choose ?>
    <div class="field">
      <label for="f-org"><?cs var:L.Admin.Users.Org ?></label>
      <select id="f-org" name="org">
        <option value="0"><?cs var:L.Admin.Users.AllOrgs ?></option><?cs each:o = Admin.Orgs ?>
        <option value="<?cs var:o.Id ?>"<?cs if:o.Selected ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div><?cs else ?>
    <p class="help"><?cs var:L.Admin.Users.OwnOrg ?>: <strong><?cs var:Admin.Search.OrgName ?></strong></p><?cs /if ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("user") ?><span><?cs var:L.Admin.Users.Submit ?></span></button>
    </div>
  </form>
</section>
<section class="section" aria-labelledby="h-results">
  <h2 id="h-results"><?cs var:L.Admin.Users.Results ?></h2><?cs if:Admin.Search.Truncated ?>
  <p class="alert alert-warn"><?cs call:icon("info") ?><span><?cs var:L.Admin.Users.Truncated ?></span></p><?cs /if ?><?cs if:subcount(Admin.Users) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.User.Name ?></th><th scope="col"><?cs var:L.Admin.User.Email ?></th><th scope="col"><?cs var:L.Admin.User.Status ?></th><th scope="col"><?cs var:L.Admin.User.Org ?></th></tr></thead>
    <tbody><?cs each:u = Admin.Users ?>
      <tr><td><a href="<?cs var:Page.Base ?>/admin/user?id=<?cs var:url_escape(u.Id) ?>"><?cs var:u.Name ?></a></td><td><?cs var:u.Email ?></td><td><?cs var:L.Admin.UserStatus[u.Status] ?></td><td><?cs if:u.Org ?><?cs var:u.Org ?><?cs else ?><?cs var:L.Admin.NoOrg ?><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs if:Admin.Search.Done ?><?cs var:L.Admin.Users.None ?><?cs else ?><?cs var:L.Admin.Users.Start ?><?cs /if ?></span></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
