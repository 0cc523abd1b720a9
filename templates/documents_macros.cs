<?cs #
  The documents program's form parts.  category_options(none): the
  Docs.Categories.N options after an empty one labelled none.
  doc_fields(title, description): title, description and category of a
  document, as the upload and the edit forms ask for them.  file_field():
  the file, last in an upload form.
?><?cs def:category_options(none) ?>
        <option value=""><?cs var:none ?></option><?cs each:c = Docs.Categories ?>
        <option value="<?cs var:c.Value ?>"<?cs if:c.Selected == 1 ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?><?cs
/def ?><?cs def:doc_fields(title, description) ?>
    <div class="field">
      <label for="f-title"><?cs var:L.Docs.Field.Title ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label>
      <input id="f-title" name="title" type="text" value="<?cs var:title ?>" maxlength="<?cs var:Docs.TitleMax ?>" required>
    </div>
    <div class="field">
      <label for="f-description"><?cs var:L.Docs.Field.Description ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <textarea id="f-description" name="description" rows="4" maxlength="<?cs var:Docs.DescMax ?>"><?cs var:description ?></textarea>
    </div>
    <div class="field">
      <label for="f-category"><?cs var:L.Docs.Field.Category ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <select id="f-category" name="category"><?cs call:category_options(L.Docs.Field.NoCategory) ?>
      </select>
    </div><?cs
/def ?>
<?cs def:file_field() ?>
    <div class="field">
      <label for="f-file"><?cs var:L.Docs.Field.File ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label>
      <p class="help" id="f-file-help"><?cs var:L.Docs.Field.FileHelp ?> <?cs var:Docs.MaxMB ?> MiB.</p>
      <input id="f-file" name="file" type="file" required aria-describedby="f-file-help">
    </div><?cs
/def ?>
