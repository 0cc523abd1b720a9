<?cs #
  Pforte — shared template macros. Include this file FIRST on every page
  (header.cs uses icon()), then header.cs, the page body, footer.cs.

  Escaping: Config.VarEscapeMode=html escapes every var: output. Use only
  var: (and url_escape() inside URL query parts). The raw-output commands
  listed in LIBNOTES section 2 are forbidden; note that the "alt" command
  is NOT auto-escaped either, so it is not used in these templates.
?><?cs #
  icon(name): reference into the SVG sprite. Decorative only (aria-hidden);
  always pair it with visible or visually-hidden text.
?><?cs def:icon(name)
?><svg class="icon" aria-hidden="true" focusable="false"><use href="<?cs var:Page.Base ?>/assets/icons.svg#i-<?cs var:name ?>"></use></svg><?cs
/def ?><?cs #
  state_badge(state): state = ok | degraded | down | maintenance.
  Icon + localized text, so the meaning never depends on colour alone.
?><?cs def:state_badge(state)
?><span class="badge badge-<?cs var:state ?>"><?cs
  if:state == "ok" ?><?cs call:icon("ok") ?><?cs
  elif:state == "degraded" ?><?cs call:icon("degraded") ?><?cs
  elif:state == "down" ?><?cs call:icon("down") ?><?cs
  else ?><?cs call:icon("maintenance") ?><?cs /if
  ?><span><?cs var:L.State[state] ?></span></span><?cs
/def ?><?cs #
  severity_badge(sev): sev = info | low | medium | high | critical.
?><?cs def:severity_badge(sev)
?><span class="sev sev-<?cs var:sev ?>"><?cs call:icon("shield") ?><span><span class="visually-hidden"><?cs var:L.Status.SeverityLabel ?>: </span><?cs var:L.Status.Severity[sev] ?></span></span><?cs
/def ?><?cs #
  notice_cards(list): the security notices of list (N: Title, Body,
  Published, Severity, as pf_notices_set() gives them), one card each.
?><?cs def:notice_cards(list) ?>
  <ul class="cards"><?cs each:n = list ?>
    <li class="card card-sev-<?cs var:n.Severity ?>">
      <div class="card-head">
        <h3><?cs var:n.Title ?></h3>
        <?cs call:severity_badge(n.Severity) ?>
      </div><?cs if:n.Published ?>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Status.Published ?>: <span class="nowrap"><?cs var:n.Published ?></span></span></p><?cs /if ?><?cs if:n.Body ?>
      <p class="card-body"><?cs var:n.Body ?></p><?cs /if ?>
    </li><?cs /each ?>
  </ul>
<?cs /def ?><?cs #
  field_error(name): the error slot of a form field. The C code puts an
  already localized message into Form.Errors.<name>; nothing is rendered
  when there is none. The paragraph id is f-<name>-error.
?><?cs def:field_error(name) ?><?cs
  if:Form.Errors[name] ?>
    <p class="field-error" id="f-<?cs var:name ?>-error"><?cs call:icon("degraded") ?><span><span class="visually-hidden"><?cs var:L.Field.Error ?>: </span><?cs var:Form.Errors[name] ?></span></p><?cs
  /if ?><?cs
/def ?><?cs #
  field_text(name, label, value, help, type, required)
    name     form field name; the input gets id="f-<name>"
    label    visible label text (pass an L.* string)
    value    current value (never echoed for type "password")
    help     help text (an L.* string) or "" for none; id f-<name>-help
    type     text | email | password | tel | url | number | search; "" = text
    required 1 = required (adds the required attribute), 0 or "" = optional
  Order: label, help, error, input. aria-describedby names the help and
  the error paragraph when they are present.
?><?cs def:field_text(name, label, value, help, type, required) ?>
  <div class="field<?cs if:Form.Errors[name] ?> field-invalid<?cs /if ?>">
    <label for="f-<?cs var:name ?>"><?cs var:label ?> <span class="field-flag"><?cs if:required ?><?cs var:L.Field.Required ?><?cs else ?><?cs var:L.Field.Optional ?><?cs /if ?></span></label><?cs
    if:help ?>
    <p class="help" id="f-<?cs var:name ?>-help"><?cs var:help ?></p><?cs
    /if ?><?cs
    call:field_error(name) ?>
    <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs if:type ?><?cs var:type ?><?cs else ?>text<?cs /if ?>"<?cs
      if:type != "password" ?> value="<?cs var:value ?>"<?cs /if ?><?cs
      if:required ?> required<?cs /if ?><?cs
      if:Form.Errors[name] ?> aria-invalid="true"<?cs /if ?><?cs
      if:help || Form.Errors[name] ?> aria-describedby="<?cs
        if:help ?>f-<?cs var:name ?>-help<?cs /if ?><?cs
        if:help && Form.Errors[name] ?> <?cs /if ?><?cs
        if:Form.Errors[name] ?>f-<?cs var:name ?>-error<?cs /if ?>"<?cs
      /if ?>>
  </div><?cs
/def ?>