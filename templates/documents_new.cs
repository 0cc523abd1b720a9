<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /documents/new: the upload form.  The form token and the text fields come
  before the file: the server checks them before it accepts the file's
  first byte.  Docs.UploadOrgs.N (Id, Name): a global writer chooses the
  organisation (Docs.Org preselected).
?>
<div class="page-head">
  <h1><?cs var:L.Docs.New.Title ?></h1>
  <p class="lead"><?cs var:L.Docs.New.Lead ?></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?>
<form method="post" action="<?cs var:Page.Base ?>/documents/upload" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs if:subcount(Docs.UploadOrgs) > 0 ?>
  <div class="field">
    <label for="f-org"><?cs var:L.Docs.Field.Org ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label>
    <select id="f-org" name="org" required><?cs each:o = Docs.UploadOrgs ?>
      <option value="<?cs var:o.Id ?>"<?cs if:o.Id == Docs.Org ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
    </select>
  </div><?cs /if ?>
  <div class="field">
    <label for="f-title"><?cs var:L.Docs.Field.Title ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label>
    <input id="f-title" name="title" type="text" value="<?cs var:Form.Title ?>" maxlength="<?cs var:Docs.TitleMax ?>" required>
  </div>
  <div class="field">
    <label for="f-description"><?cs var:L.Docs.Field.Description ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
    <textarea id="f-description" name="description" rows="4" maxlength="<?cs var:Docs.DescMax ?>"><?cs var:Form.Description ?></textarea>
  </div>
  <div class="field">
    <label for="f-category"><?cs var:L.Docs.Field.Category ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
    <select id="f-category" name="category">
      <option value=""><?cs var:L.Docs.Field.NoCategory ?></option><?cs each:c = Docs.Categories ?>
      <option value="<?cs var:c.Value ?>"<?cs if:c.Selected == 1 ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?>
    </select>
  </div>
  <div class="field">
    <label for="f-file"><?cs var:L.Docs.Field.File ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label>
    <p class="help" id="f-file-help"><?cs var:L.Docs.Field.FileHelp ?> <?cs var:Docs.MaxMB ?> MiB.</p>
    <input id="f-file" name="file" type="file" required aria-describedby="f-file-help">
  </div>
  <button type="submit"><?cs call:icon("doc") ?><span><?cs var:L.Docs.New.Submit ?></span></button>
</form>
<?cs include:"footer.cs" ?>
