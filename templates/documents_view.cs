<?cs include:"macros.cs" ?><?cs include:"documents_macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /documents/view: Docs.Doc (Id, Title, Description, Category,
  CategoryLabel, Org, Updated), its versions Docs.Versions.N (Id, Number,
  Name, Size, Type, Created).  Page.Can.Write: new version, edit, delete;
  Page.Can.Share: Docs.Shares.N (Id, Kind org|role, Name) and the share
  form with Docs.ShareOrgs.N and, for Page.Can.ShareRole, Docs.ShareRoles.N.
?>
<div class="page-head">
  <h1><?cs var:Docs.Doc.Title ?></h1>
  <p class="lead"><?cs var:L.Docs.Field.Org ?>: <?cs var:Docs.Doc.Org ?><?cs if:Docs.Doc.CategoryLabel ?> · <?cs var:L.Docs.Field.Category ?>: <?cs var:Docs.Doc.CategoryLabel ?><?cs /if ?> · <?cs var:L.Docs.Field.Updated ?>: <span class="nowrap"><?cs var:Docs.Doc.Updated ?></span></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
<div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?><?cs if:Docs.Doc.Description ?>
<p class="card-body document-description"><?cs var:Docs.Doc.Description ?></p><?cs /if ?>

<section class="section" aria-labelledby="h-versions">
  <h2 id="h-versions"><?cs var:L.Docs.Versions.Title ?></h2>
  <div class="table-wrap">
  <table class="list versions">
    <thead><tr><th scope="col"><?cs var:L.Docs.Versions.Number ?></th><th scope="col"><?cs var:L.Docs.Versions.Name ?></th><th scope="col"><?cs var:L.Docs.Versions.Size ?></th><th scope="col"><?cs var:L.Docs.Versions.Type ?></th><th scope="col"><?cs var:L.Docs.Versions.Created ?></th><?cs if:Page.Can.Write == 1 ?><th scope="col"><span class="visually-hidden"><?cs var:L.Docs.Versions.Actions ?></span></th><?cs /if ?></tr></thead>
    <tbody><?cs each:v = Docs.Versions ?>
      <tr id="version-<?cs var:v.Id ?>"><td><?cs var:v.Number ?></td><td><a href="<?cs var:Page.Base ?>/documents/download?id=<?cs var:url_escape(Docs.Doc.Id) ?>&amp;v=<?cs var:url_escape(v.Id) ?>" download><?cs var:v.Name ?></a></td><td class="nowrap"><?cs var:v.Size ?></td><td><?cs var:v.Type ?></td><td class="nowrap"><?cs var:v.Created ?></td><?cs if:Page.Can.Write == 1 ?>
        <td><?cs if:subcount(Docs.Versions) > 1 ?><form method="post" action="<?cs var:Page.Base ?>/documents/version/delete">
          <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
          <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>">
          <input type="hidden" name="v" value="<?cs var:v.Id ?>">
          <button type="submit" class="button-small button-secondary"><span><?cs var:L.Docs.Versions.Delete ?></span></button>
        </form><?cs /if ?></td><?cs /if ?></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
<?cs if:Page.Can.Write == 1 ?>
<section class="section" aria-labelledby="h-newversion">
  <h2 id="h-newversion"><?cs var:L.Docs.NewVersion.Title ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/documents/upload" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>">
<?cs call:file_field() ?>
    <button type="submit"><?cs call:icon("doc") ?><span><?cs var:L.Docs.NewVersion.Submit ?></span></button>
  </form>
</section>

<section class="section" aria-labelledby="h-edit">
  <h2 id="h-edit"><?cs var:L.Docs.Edit.Title ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/documents/edit">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>">
<?cs call:doc_fields(Docs.Doc.Title, Docs.Doc.Description) ?>
    <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Docs.Edit.Submit ?></span></button>
  </form>
</section>
<?cs /if ?><?cs if:Page.Can.Share == 1 ?>
<section class="section" aria-labelledby="h-share">
  <h2 id="h-share"><?cs var:L.Docs.Share.Title ?></h2>
  <p class="help"><?cs var:L.Docs.Share.Lead ?></p><?cs if:subcount(Docs.Shares) > 0 ?>
  <ul class="cards shares"><?cs each:s = Docs.Shares ?>
    <li class="card" id="share-<?cs var:s.Id ?>">
      <div class="card-head"><h3><?cs var:s.Name ?></h3><span class="badge badge-ok"><?cs call:icon("globe") ?><span><?cs var:L.Docs.Share.Kind[s.Kind] ?></span></span></div>
      <form method="post" action="<?cs var:Page.Base ?>/documents/unshare">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>">
        <input type="hidden" name="share" value="<?cs var:s.Id ?>">
        <div class="actions"><button type="submit" class="button-small button-secondary"><span><?cs var:L.Docs.Share.Remove ?></span></button></div>
      </form>
    </li><?cs /each ?>
  </ul><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Docs.Share.None ?></span></p><?cs /if ?><?cs if:subcount(Docs.ShareOrgs) > 0 ?>
  <form method="post" action="<?cs var:Page.Base ?>/documents/share">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>">
    <div class="field">
      <label for="f-share-org"><?cs var:L.Docs.Share.Org ?></label>
      <select id="f-share-org" name="org" required><?cs each:o = Docs.ShareOrgs ?>
        <option value="<?cs var:o.Id ?>"><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <button type="submit"><?cs call:icon("globe") ?><span><?cs var:L.Docs.Share.SubmitOrg ?></span></button>
  </form><?cs /if ?><?cs if:Page.Can.ShareRole == 1 ?>
  <form method="post" action="<?cs var:Page.Base ?>/documents/share">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>">
    <div class="field">
      <label for="f-share-role"><?cs var:L.Docs.Share.Role ?></label>
      <p class="help" id="f-share-role-help"><?cs var:L.Docs.Share.RoleHelp ?></p>
      <select id="f-share-role" name="role" required aria-describedby="f-share-role-help"><?cs each:o = Docs.ShareRoles ?>
        <option value="<?cs var:o.Id ?>"><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <button type="submit"><?cs call:icon("key") ?><span><?cs var:L.Docs.Share.SubmitRole ?></span></button>
  </form><?cs /if ?>
</section>
<?cs /if ?><?cs if:Page.Can.Write == 1 ?>
<section class="section" aria-labelledby="h-delete">
  <h2 id="h-delete"><?cs var:L.Docs.Delete.Title ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/documents/delete">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Docs.Doc.Id ?>">
    <button type="submit" class="button-secondary"><?cs call:icon("down") ?><span><?cs var:L.Docs.Delete.Submit ?></span></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
