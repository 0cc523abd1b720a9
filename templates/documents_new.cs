<?cs include:"macros.cs" ?><?cs include:"documents_macros.cs" ?><?cs include:"header.cs" ?><?cs #
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
<?cs call:doc_fields(Form.Title, Form.Description) ?>
<?cs call:file_field() ?>
  <button type="submit"><?cs call:icon("doc") ?><span><?cs var:L.Docs.New.Submit ?></span></button>
</form>
<?cs include:"footer.cs" ?>
