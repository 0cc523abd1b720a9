<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?><?cs #
  /privacy/admin/activities/new, /privacy/admin/activity: one processing
  activity's form.  Form.Errors.<Key> holds a field's message (422).
?><?cs
def:ro_field(name, key, label, help, value, rows, req) ?>
    <div class="field<?cs if:Form.Errors[key] ?> field-invalid<?cs /if ?>">
      <label for="f-<?cs var:name ?>"><?cs var:label ?> <span class="field-flag"><?cs if:req == "1" ?><?cs var:L.Field.Required ?><?cs else ?><?cs var:L.Field.Optional ?><?cs /if ?></span></label><?cs if:help ?>
      <p class="help" id="f-<?cs var:name ?>-help"><?cs var:help ?></p><?cs /if ?><?cs call:field_error(key) ?><?cs if:rows == "1" ?>
      <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="text" value="<?cs var:value ?>"<?cs if:req == "1" ?> required<?cs /if ?><?cs if:Form.Errors[key] ?> aria-invalid="true"<?cs /if ?>><?cs else ?>
      <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>"<?cs if:req == "1" ?> required<?cs /if ?><?cs if:Form.Errors[key] ?> aria-invalid="true"<?cs /if ?>><?cs var:value ?></textarea><?cs /if ?>
    </div><?cs
/def ?>
<p class="help"><a href="<?cs var:Page.Base ?>/privacy/admin/activities"><?cs call:icon("arrow-left") ?><span><?cs var:L.Privacy.Ropa.Title ?></span></a></p>
<div class="page-head">
  <h1><?cs if:Ropa.New == "1" ?><?cs var:L.Privacy.Ropa.New ?><?cs else ?><?cs var:Ropa.Act.Name ?><?cs /if ?></h1><?cs if:Ropa.Act.Updated ?>
  <p class="lead"><?cs var:L.Privacy.Ropa.Updated ?>: <?cs var:Ropa.Act.Updated ?></p><?cs /if ?>
</div>
<?cs call:admin_alerts() ?>
<section class="section">
  <form method="post" action="<?cs var:Page.Base ?><?cs if:Ropa.New == "1" ?>/privacy/admin/activities/new<?cs else ?>/privacy/admin/activity<?cs /if ?>">
    <?cs call:csrf() ?><?cs if:Ropa.New != "1" ?>
    <input type="hidden" name="id" value="<?cs var:Ropa.Act.Id ?>"><?cs /if ?>
    <?cs call:ro_field("name_de", "NameDe", L.Privacy.Ropa.NameDe, "", Form.NameDe, "1", "1") ?>
    <?cs call:ro_field("name_en", "NameEn", L.Privacy.Ropa.NameEn, "", Form.NameEn, "1", "1") ?>
    <?cs call:ro_field("purpose_de", "PurposeDe", L.Privacy.Ropa.PurposeDe, "", Form.PurposeDe, "4", "1") ?>
    <?cs call:ro_field("purpose_en", "PurposeEn", L.Privacy.Ropa.PurposeEn, "", Form.PurposeEn, "4", "1") ?>
    <?cs call:ro_field("legal_basis", "Basis", L.Privacy.Ropa.Basis, L.Privacy.Ropa.BasisHelp, Form.Basis, "2", "1") ?>
    <?cs call:ro_field("data_categories", "Data", L.Privacy.Ropa.Data, "", Form.Data, "4", "1") ?>
    <?cs call:ro_field("subject_categories", "Subjects", L.Privacy.Ropa.Subjects, "", Form.Subjects, "3", "1") ?>
    <?cs call:ro_field("recipients", "Recipients", L.Privacy.Ropa.Recipients, "", Form.Recipients, "3", "0") ?>
    <?cs call:ro_field("third_country", "Third", L.Privacy.Ropa.Third, L.Privacy.Ropa.ThirdHelp, Form.Third, "2", "0") ?>
    <?cs call:ro_field("retention", "Retention", L.Privacy.Ropa.Retention, L.Privacy.Ropa.RetentionHelp, Form.Retention, "4", "1") ?>
    <?cs call:ro_field("toms", "Toms", L.Privacy.Ropa.Toms, "", Form.Toms, "5", "1") ?>
    <fieldset class="field<?cs if:Form.Errors.Processors ?> field-invalid<?cs /if ?>">
      <legend><?cs var:L.Privacy.Ropa.Processors ?></legend><?cs call:field_error("Processors") ?><?cs each:p = Ropa.Procs ?>
      <div><input type="checkbox" id="f-proc-<?cs var:p.Id ?>" name="processors" value="<?cs var:p.Id ?>"<?cs if:p.Checked == "1" ?> checked<?cs /if ?>>
        <label for="f-proc-<?cs var:p.Id ?>"><?cs var:p.Name ?></label></div><?cs /each ?><?cs if:subcount(Ropa.Procs) == 0 ?>
      <p class="help"><?cs var:L.Privacy.Ropa.Procs.None ?></p><?cs /if ?>
    </fieldset>
    <div class="actions">
      <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Privacy.Ropa.Save ?></span></button>
    </div>
  </form><?cs if:Ropa.New != "1" ?>
  <form method="post" action="<?cs var:Page.Base ?>/privacy/admin/activity/delete">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Ropa.Act.Id ?>">
    <div class="actions">
      <button type="submit" class="button-secondary"><?cs call:icon("degraded") ?><span><?cs var:L.Privacy.Ropa.Delete ?></span></button>
    </div>
  </form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
