<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-account">
  <h2 id="h-account"><?cs var:L.Profile.Data.Account ?></h2>
  <dl class="facts">
    <dt><?cs var:L.Profile.Data.Email ?></dt>
    <dd><span class="profile-email"><?cs var:Profile.Email ?></span> <a href="<?cs var:Page.Base ?>/profile/email"><?cs call:icon("mail") ?><span><?cs var:L.Profile.Data.ChangeEmail ?></span></a></dd>
    <dt><?cs var:L.Profile.Data.Org ?></dt>
    <dd><?cs if:Profile.Org.Name ?><?cs var:Profile.Org.Name ?><?cs if:Profile.Org.Kind ?> (<?cs var:Profile.Org.Kind ?>)<?cs /if ?><?cs else ?><?cs var:L.Profile.Data.NoOrg ?><?cs /if ?></dd>
    <dt><?cs var:L.Profile.Data.Language ?></dt>
    <dd><?cs var:Profile.Lang ?></dd>
    <dt><?cs var:L.Profile.Data.Roles ?></dt>
    <dd><?cs if:subcount(Profile.Roles) > 0 ?>
      <ul class="profile-roles"><?cs each:role = Profile.Roles ?>
        <li><span class="role-label"><?cs var:role.Label ?></span> <span class="help"><?cs if:role.Expires ?><?cs var:L.Profile.Data.Until ?> <span class="nowrap"><?cs var:role.Expires ?></span><?cs else ?><?cs var:L.Profile.Data.NoExpiry ?><?cs /if ?></span></li><?cs /each ?>
      </ul><?cs else ?><?cs var:L.Profile.Data.NoRoles ?><?cs /if ?>
      <p><a href="<?cs var:Page.Base ?>/roles"><?cs call:icon("key") ?><span><?cs var:L.Profile.Data.RequestRole ?></span></a></p>
    </dd>
  </dl>
</section>

<section class="section" aria-labelledby="h-edit">
  <h2 id="h-edit"><?cs var:L.Profile.Data.Edit ?></h2>
  <form class="auth-form" method="post" action="<?cs var:Page.Base ?>/profile" aria-labelledby="h-edit">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <?cs call:field_text("name", L.Profile.Data.Name, Form.Name, L.Profile.Data.NameHelp, "text", 1) ?>
    <?cs call:field_text("phone", L.Profile.Data.Phone, Form.Phone, L.Profile.Data.PhoneHelp, "tel", 0) ?>
    <div class="field<?cs if:Form.Errors.language ?> field-invalid<?cs /if ?>">
      <label for="f-language"><?cs var:L.Profile.Data.Language ?></label>
      <p class="help" id="f-language-help"><?cs var:L.Profile.Data.LanguageHelp ?></p><?cs call:field_error("language") ?>
      <select id="f-language" name="language" aria-describedby="f-language-help">
        <option value="de" lang="de"<?cs if:Form.Language == "de" ?> selected<?cs /if ?>><?cs var:L.Lang.de ?></option>
        <option value="en" lang="en"<?cs if:Form.Language == "en" ?> selected<?cs /if ?>><?cs var:L.Lang.en ?></option>
      </select>
    </div>
    <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Profile.Data.Save ?></span></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
