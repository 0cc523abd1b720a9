<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Apps.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Apps.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-apps">
  <h2 id="h-apps"><?cs var:L.Admin.Apps.List ?></h2><?cs if:subcount(Admin.Apps) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.App.Name ?></th><th scope="col"><?cs var:L.Admin.App.ClientId ?></th><th scope="col"><?cs var:L.Admin.App.Status ?></th><th scope="col"><?cs var:L.Admin.App.Trusted ?></th><th scope="col"><?cs var:L.Admin.App.Audience ?></th></tr></thead>
    <tbody><?cs each:a = Admin.Apps ?>
      <tr><td><a href="<?cs var:Page.Base ?>/admin/app?id=<?cs var:url_escape(a.Id) ?>"><?cs var:a.Name ?></a> <span class="tag"><?cs var:L.Admin.App.Types[a.Type] ?></span></td><td><code><?cs var:a.ClientId ?></code></td><td><?cs var:L.Admin.App.States[a.Status] ?></td><td><?cs if:a.Trusted == "1" ?><?cs var:L.Admin.Yes ?><?cs else ?><?cs var:L.Admin.No ?><?cs /if ?></td><td><?cs var:L.Admin.App.Audiences[a.Audience] ?><?cs if:a.Audience == "restricted" ?>: <?cs if:a.Access ?><?cs var:a.Access ?><?cs else ?><?cs var:L.Admin.App.Nobody ?><?cs /if ?><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Admin.Apps.None ?></span></p><?cs /if ?>
  <div class="actions">
    <a class="button" href="<?cs var:Page.Base ?>/admin/apps/new"><?cs call:icon("app") ?><span><?cs var:L.Admin.Apps.New ?></span></a>
  </div>
</section>
<?cs include:"footer.cs" ?>
