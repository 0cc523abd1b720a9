<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Invite.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Invite.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-invite">
  <h2 id="h-invite"><?cs var:L.Admin.Invite.Form ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/invite">
    <?cs call:csrf() ?>
    <?cs call:field_text("email", L.Admin.User.Email, Form.Email, "", "email", 1) ?>
    <?cs call:field_text("name", L.Admin.User.Name, Form.Name, L.Admin.Invite.NameHelp, "text", 1) ?>
    <div class="field">
      <label for="f-language"><?cs var:L.Admin.User.Language ?></label>
      <p class="help" id="f-language-help"><?cs var:L.Admin.Invite.LanguageHelp ?></p>
      <select id="f-language" name="language" aria-describedby="f-language-help">
        <option value="de"<?cs if:Form.Language == "de" ?> selected<?cs /if ?>><?cs var:L.Lang.de ?></option>
        <option value="en"<?cs if:Form.Language == "en" ?> selected<?cs /if ?>><?cs var:L.Lang.en ?></option>
      </select>
    </div><?cs if:Admin.Invite.Choose ?>
    <div class="field<?cs if:Form.Errors.org ?> field-invalid<?cs /if ?>">
      <label for="f-org"><?cs var:L.Admin.User.Org ?></label><?cs call:field_error("org") ?>
      <select id="f-org" name="org">
        <option value="0"><?cs var:L.Admin.Invite.ChooseOrg ?></option><?cs each:o = Admin.Orgs ?><?cs if:o.Status == "active" ?>
        <option value="<?cs var:o.Id ?>"<?cs if:o.Selected ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /if ?><?cs /each ?>
      </select>
    </div><?cs else ?>
    <div class="field">
      <p><strong><?cs var:L.Admin.User.Org ?>:</strong> <?cs var:Admin.Invite.OrgName ?></p>
      <p class="help"><?cs var:L.Admin.Invite.OwnOrg ?></p>
    </div><?cs /if ?>
    <div class="field<?cs if:Form.Errors.role ?> field-invalid<?cs /if ?>">
      <label for="f-role"><?cs var:L.Admin.Invite.Role ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <p class="help" id="f-role-help"><?cs var:L.Admin.Invite.RoleHelp ?></p><?cs call:field_error("role") ?>
      <select id="f-role" name="role" aria-describedby="f-role-help">
        <option value="0"><?cs var:L.Admin.Invite.NoRole ?></option><?cs each:g = Admin.Roles ?>
        <option value="<?cs var:g.Id ?>"<?cs if:g.Selected ?> selected<?cs /if ?>><?cs var:g.Label ?> (<?cs var:g.Name ?>)</option><?cs /each ?>
      </select>
    </div>
    <p class="help"><?cs var:L.Admin.Invite.Valid.Before ?> <?cs var:Form.Hours ?> <?cs var:L.Admin.Invite.Valid.After ?></p>
    <div class="actions">
      <button type="submit"><?cs call:icon("mail") ?><span><?cs var:L.Admin.Invite.Submit ?></span></button>
    </div>
  </form>
</section>
<?cs include:"footer.cs" ?>
