<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?><?cs #
  /privacy/admin/processors/new, /privacy/admin/processor: one processor.
?><?cs
def:rp_field(name, key, label, help, value, type, req) ?>
    <div class="field<?cs if:Form.Errors[key] ?> field-invalid<?cs /if ?>">
      <label for="f-<?cs var:name ?>"><?cs var:label ?> <span class="field-flag"><?cs if:req == "1" ?><?cs var:L.Field.Required ?><?cs else ?><?cs var:L.Field.Optional ?><?cs /if ?></span></label><?cs if:help ?>
      <p class="help" id="f-<?cs var:name ?>-help"><?cs var:help ?></p><?cs /if ?><?cs call:field_error(key) ?>
      <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:value ?>"<?cs if:req == "1" ?> required<?cs /if ?><?cs if:Form.Errors[key] ?> aria-invalid="true"<?cs /if ?>>
    </div><?cs
/def ?>
<p class="help"><a href="<?cs var:Page.Base ?>/privacy/admin/processors"><?cs call:icon("arrow-left") ?><span><?cs var:L.Privacy.Ropa.Procs.Title ?></span></a></p>
<div class="page-head">
  <h1><?cs if:Ropa.New == "1" ?><?cs var:L.Privacy.Ropa.Procs.New ?><?cs else ?><?cs var:Ropa.Proc.Name ?><?cs /if ?></h1><?cs if:Ropa.New != "1" ?>
  <p class="lead"><?cs var:L.Privacy.Ropa.Procs.Uses ?>: <?cs var:Ropa.Proc.Uses ?></p><?cs /if ?>
</div>
<?cs call:admin_alerts() ?>
<section class="section">
  <form method="post" action="<?cs var:Page.Base ?><?cs if:Ropa.New == "1" ?>/privacy/admin/processors/new<?cs else ?>/privacy/admin/processor<?cs /if ?>">
    <?cs call:csrf() ?><?cs if:Ropa.New != "1" ?>
    <input type="hidden" name="id" value="<?cs var:Ropa.Proc.Id ?>"><?cs /if ?>
    <?cs call:rp_field("name", "Name", L.Privacy.Ropa.Procs.Name, "", Form.Name, "text", "1") ?>
    <?cs call:rp_field("service", "Service", L.Privacy.Ropa.Procs.Service, "", Form.Service, "text", "1") ?>
    <?cs call:rp_field("country", "Country", L.Privacy.Ropa.Procs.Country, L.Privacy.Ropa.Procs.CountryHelp, Form.Country, "text", "1") ?>
    <?cs call:rp_field("dpa_signed", "DpaDate", L.Privacy.Ropa.Procs.DpaDate, L.Privacy.Ropa.Procs.DpaDateHelp, Form.DpaDate, "date", "0") ?>
    <?cs call:rp_field("dpa_reference", "DpaRef", L.Privacy.Ropa.Procs.DpaRef, "", Form.DpaRef, "text", "0") ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Privacy.Ropa.Save ?></span></button>
    </div>
  </form><?cs if:Ropa.New != "1" ?>
  <form method="post" action="<?cs var:Page.Base ?>/privacy/admin/processor/delete">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Ropa.Proc.Id ?>">
    <div class="actions">
      <button type="submit" class="button-secondary"><?cs call:icon("degraded") ?><span><?cs var:L.Privacy.Ropa.Delete ?></span></button>
    </div>
  </form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
