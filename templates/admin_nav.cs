<?cs # Shared parts of the admin pages: the areas this session may use
  (Admin.Areas, set by the program after pf_may) and the form messages.
  Include after macros.cs and header.cs; call admin_nav() first and
  admin_alerts() below the page heading. ?><?cs
def:admin_nav() ?><?cs if:subcount(Admin.Areas) > 0 ?>
<nav class="admin-nav" aria-label="<?cs var:L.Admin.Nav.Label ?>">
  <ul class="actions"><?cs each:a = Admin.Areas ?>
    <li><a class="button button-small<?cs if:a.Current != 1 ?> button-secondary<?cs /if ?>" href="<?cs var:Page.Base ?><?cs var:a.Href ?>"<?cs if:a.Current == 1 ?> aria-current="page"<?cs /if ?>><?cs call:icon(a.Icon) ?><span><?cs var:a.Label ?></span></a></li><?cs /each ?>
  </ul>
</nav><?cs /if ?><?cs
/def ?><?cs
def:admin_alerts() ?><?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div><?cs /if ?><?cs if:Form.Notice ?>
<div class="alert alert-notice" role="status"><?cs call:icon("info") ?><p><?cs var:Form.Notice ?></p></div><?cs /if ?><?cs
/def ?><?cs
def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>"><?cs /def ?><?cs # The organisation's kind (admin_orgs.cs, admin_org.cs). ?><?cs
def:org_kind() ?>
    <div class="field<?cs if:Form.Errors.kind ?> field-invalid<?cs /if ?>">
      <label for="f-kind"><?cs var:L.Admin.Org.Kind ?></label><?cs call:field_error("kind") ?>
      <select id="f-kind" name="kind">
        <option value="customer"<?cs if:Form.Kind == "customer" ?> selected<?cs /if ?>><?cs var:L.Admin.Kind.customer ?></option>
        <option value="partner"<?cs if:Form.Kind == "partner" ?> selected<?cs /if ?>><?cs var:L.Admin.Kind.partner ?></option>
        <option value="internal"<?cs if:Form.Kind == "internal" ?> selected<?cs /if ?>><?cs var:L.Admin.Kind.internal ?></option>
      </select>
    </div><?cs
/def ?><?cs # The parts of the role forms (admin_roles.cs, admin_role.cs). ?><?cs
def:perm_boxes() ?>
    <fieldset class="field">
      <legend><?cs var:L.Admin.Role.Permissions ?></legend><?cs each:p = Admin.Perms ?>
      <div><input type="checkbox" id="f-<?cs var:p.Field ?>" name="<?cs var:p.Field ?>" value="1"<?cs if:p.Checked ?> checked<?cs /if ?>>
        <label for="f-<?cs var:p.Field ?>"><?cs var:p.Label ?> <code><?cs var:p.Name ?></code></label></div><?cs /each ?>
    </fieldset><?cs
/def ?><?cs
def:approval_select() ?>
    <div class="field<?cs if:Form.Errors.approval ?> field-invalid<?cs /if ?>">
      <label for="f-approval"><?cs var:L.Admin.Role.Approval ?></label>
      <p class="help" id="f-approval-help"><?cs var:L.Admin.Role.ApprovalHelp ?></p><?cs call:field_error("approval") ?>
      <select id="f-approval" name="approval" aria-describedby="f-approval-help">
        <option value="org"<?cs if:Form.Approval == "org" ?> selected<?cs /if ?>><?cs var:L.Admin.Approval.org ?></option>
        <option value="admin"<?cs if:Form.Approval == "admin" ?> selected<?cs /if ?>><?cs var:L.Admin.Approval.admin ?></option>
      </select>
    </div>
    <?cs call:field_text("label_de", L.Admin.Role.LabelDe, Form.LabelDe, L.Admin.Role.LabelHelp, "text", 1) ?>
    <?cs call:field_text("label_en", L.Admin.Role.LabelEn, Form.LabelEn, L.Admin.Role.LabelHelp, "text", 1) ?>
    <div class="field">
      <div><input type="checkbox" id="f-requestable" name="requestable" value="1"<?cs if:Form.Requestable == "1" ?> checked<?cs /if ?>>
        <label for="f-requestable"><?cs var:L.Admin.Role.Requestable ?></label></div>
    </div><?cs
/def ?>
