<?cs include:"macros.cs" ?><?cs include:"privacy_legal_macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/admin/texts/new and /edit: a draft's titles and bodies in
  German and English (Form.Kind, KindLabel, Id and Version when editing,
  TitleDe, TitleEn, BodyDe, BodyEn), refilled after a refusal.  Bodies
  are plain text: paragraphs separated by a blank line; markup is shown
  as typed, never interpreted.
?><?cs def:body_area(name, label, value) ?>
    <div class="field<?cs if:Form.Errors[name] ?> field-invalid<?cs /if ?>">
      <label for="f-<?cs var:name ?>"><?cs var:label ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label>
      <p class="help" id="f-<?cs var:name ?>-help"><?cs var:L.Privacy.Legal.Admin.BodyHelp ?></p><?cs call:field_error(name) ?>
      <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="16" required aria-describedby="f-<?cs var:name ?>-help"><?cs var:value ?></textarea>
    </div><?cs
/def ?><?cs call:legal_nav() ?>
<div class="page-head">
  <h1><?cs var:Page.Title ?>: <?cs var:Form.KindLabel ?><?cs if:Form.Version ?>, <?cs var:L.Privacy.Legal.Version ?> <?cs var:Form.Version ?><?cs /if ?></h1>
  <p class="lead"><?cs var:L.Privacy.Legal.Admin.FormLead ?></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?>
<form method="post" action="<?cs var:Page.Base ?>/privacy/admin/texts/<?cs if:Form.Id ?>edit<?cs else ?>new<?cs /if ?>" class="section">
  <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs if:Form.Id ?>
  <input type="hidden" name="id" value="<?cs var:Form.Id ?>"><?cs else ?>
  <input type="hidden" name="kind" value="<?cs var:Form.Kind ?>"><?cs /if ?>
  <?cs call:field_text("title_de", L.Privacy.Legal.Admin.TitleDe, Form.TitleDe, "", "text", 1) ?>
  <?cs call:body_area("body_de", L.Privacy.Legal.Admin.BodyDe, Form.BodyDe) ?>
  <?cs call:field_text("title_en", L.Privacy.Legal.Admin.TitleEn, Form.TitleEn, "", "text", 1) ?>
  <?cs call:body_area("body_en", L.Privacy.Legal.Admin.BodyEn, Form.BodyEn) ?>
  <div class="actions">
    <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Privacy.Legal.Admin.Save ?></span></button>
  </div>
</form>
<?cs include:"footer.cs" ?>
