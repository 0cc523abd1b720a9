<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:L.Admin.Status.Title ?></h1>
  <p class="lead"><?cs var:L.Admin.Status.Lead ?> <a href="<?cs var:Page.Base ?>/status"><?cs var:L.Admin.Status.View ?></a></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-maint">
  <h2 id="h-maint"><?cs var:L.Admin.Status.Maintenance ?></h2><?cs if:subcount(Admin.Maint) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Admin.Status.Starts ?></th><th scope="col"><?cs var:L.Admin.Status.Ends ?></th><th scope="col"><?cs var:L.Admin.Status.Text ?></th><th scope="col"><span class="visually-hidden"><?cs var:L.Admin.Actions ?></span></th></tr></thead>
    <tbody><?cs each:m = Admin.Maint ?>
      <tr><td class="nowrap"><?cs var:m.Starts ?></td><td class="nowrap"><?cs var:m.Ends ?><?cs if:m.Past ?> <span class="tag"><?cs var:L.Admin.Status.Past ?></span><?cs /if ?></td><td><strong><?cs var:m.Title ?></strong><?cs if:m.Body ?><br><?cs var:m.Body ?><?cs /if ?></td>
        <td><form method="post" action="<?cs var:Page.Base ?>/admin/maintenance/delete"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:m.Id ?>"><button type="submit" class="button-small button-secondary"><span><?cs var:L.Admin.Delete ?><span class="visually-hidden">: <?cs var:m.Title ?></span></span></button></form></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Status.NoMaintenance ?></span></p><?cs /if ?>
  <h3><?cs var:L.Admin.Status.NewMaintenance ?></h3>
  <form method="post" action="<?cs var:Page.Base ?>/admin/maintenance">
    <?cs call:csrf() ?>
    <p class="help"><?cs var:L.Admin.Status.TimeHelp ?></p>
    <div class="field">
      <label for="f-starts"><?cs var:L.Admin.Status.Starts ?></label>
      <input id="f-starts" name="starts" type="text" placeholder="2026-12-01 18:00" value="<?cs var:Form.M.Starts ?>" maxlength="16" required>
    </div>
    <div class="field">
      <label for="f-ends"><?cs var:L.Admin.Status.Ends ?></label>
      <input id="f-ends" name="ends" type="text" placeholder="2026-12-01 20:00" value="<?cs var:Form.M.Ends ?>" maxlength="16" required>
    </div>
    <div class="field">
      <label for="f-m-title_de"><?cs var:L.Admin.Status.TitleDe ?></label>
      <input id="f-m-title_de" name="title_de" type="text" value="<?cs var:Form.M.TitleDe ?>" maxlength="200" required>
    </div>
    <div class="field">
      <label for="f-m-title_en"><?cs var:L.Admin.Status.TitleEn ?></label>
      <input id="f-m-title_en" name="title_en" type="text" value="<?cs var:Form.M.TitleEn ?>" maxlength="200" required>
    </div>
    <div class="field">
      <label for="f-m-body_de"><?cs var:L.Admin.Status.BodyDe ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <textarea id="f-m-body_de" name="body_de" rows="3"><?cs var:Form.M.BodyDe ?></textarea>
    </div>
    <div class="field">
      <label for="f-m-body_en"><?cs var:L.Admin.Status.BodyEn ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <textarea id="f-m-body_en" name="body_en" rows="3"><?cs var:Form.M.BodyEn ?></textarea>
    </div>
    <div class="actions">
      <button type="submit"><?cs call:icon("maintenance") ?><span><?cs var:L.Admin.Status.AddMaintenance ?></span></button>
    </div>
  </form>
</section>
<section class="section" aria-labelledby="h-notices">
  <h2 id="h-notices"><?cs var:L.Admin.Status.Notices ?></h2><?cs if:subcount(Admin.Notices) > 0 ?>
  <table class="list">
    <thead><tr><th scope="col"><?cs var:L.Status.SeverityLabel ?></th><th scope="col"><?cs var:L.Status.Published ?></th><th scope="col"><?cs var:L.Admin.Status.Expires ?></th><th scope="col"><?cs var:L.Admin.Status.Text ?></th><th scope="col"><span class="visually-hidden"><?cs var:L.Admin.Actions ?></span></th></tr></thead>
    <tbody><?cs each:n = Admin.Notices ?>
      <tr><td><?cs call:severity_badge(n.Severity) ?></td><td class="nowrap"><?cs var:n.Published ?></td><td class="nowrap"><?cs if:n.Expires ?><?cs var:n.Expires ?><?cs else ?><?cs var:L.Admin.Status.NoExpiry ?><?cs /if ?><?cs if:n.Expired ?> <span class="tag"><?cs var:L.Admin.Status.Past ?></span><?cs /if ?></td><td><strong><?cs var:n.Title ?></strong><?cs if:n.Body ?><br><?cs var:n.Body ?><?cs /if ?></td>
        <td><form method="post" action="<?cs var:Page.Base ?>/admin/notices/delete"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:n.Id ?>"><button type="submit" class="button-small button-secondary"><span><?cs var:L.Admin.Delete ?><span class="visually-hidden">: <?cs var:n.Title ?></span></span></button></form></td></tr><?cs /each ?>
    </tbody>
  </table><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Status.NoNotices ?></span></p><?cs /if ?>
  <h3><?cs var:L.Admin.Status.NewNotice ?></h3>
  <form method="post" action="<?cs var:Page.Base ?>/admin/notices">
    <?cs call:csrf() ?>
    <div class="field">
      <label for="f-severity"><?cs var:L.Status.SeverityLabel ?></label>
      <select id="f-severity" name="severity">
        <option value="info"<?cs if:Form.N.Severity == "info" ?> selected<?cs /if ?>><?cs var:L.Status.Severity.info ?></option>
        <option value="low"<?cs if:Form.N.Severity == "low" ?> selected<?cs /if ?>><?cs var:L.Status.Severity.low ?></option>
        <option value="medium"<?cs if:Form.N.Severity == "medium" ?> selected<?cs /if ?>><?cs var:L.Status.Severity.medium ?></option>
        <option value="high"<?cs if:Form.N.Severity == "high" ?> selected<?cs /if ?>><?cs var:L.Status.Severity.high ?></option>
        <option value="critical"<?cs if:Form.N.Severity == "critical" ?> selected<?cs /if ?>><?cs var:L.Status.Severity.critical ?></option>
      </select>
    </div>
    <div class="field">
      <label for="f-n-title_de"><?cs var:L.Admin.Status.TitleDe ?></label>
      <input id="f-n-title_de" name="title_de" type="text" value="<?cs var:Form.N.TitleDe ?>" maxlength="200" required>
    </div>
    <div class="field">
      <label for="f-n-title_en"><?cs var:L.Admin.Status.TitleEn ?></label>
      <input id="f-n-title_en" name="title_en" type="text" value="<?cs var:Form.N.TitleEn ?>" maxlength="200" required>
    </div>
    <div class="field">
      <label for="f-n-body_de"><?cs var:L.Admin.Status.BodyDe ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <textarea id="f-n-body_de" name="body_de" rows="3"><?cs var:Form.N.BodyDe ?></textarea>
    </div>
    <div class="field">
      <label for="f-n-body_en"><?cs var:L.Admin.Status.BodyEn ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <textarea id="f-n-body_en" name="body_en" rows="3"><?cs var:Form.N.BodyEn ?></textarea>
    </div>
    <div class="field">
      <label for="f-expires"><?cs var:L.Admin.Status.Expires ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <p class="help" id="f-expires-help"><?cs var:L.Admin.Status.ExpiresHelp ?></p>
      <input id="f-expires" name="expires" type="text" placeholder="2026-12-31 23:59" value="<?cs var:Form.N.Expires ?>" maxlength="16" aria-describedby="f-expires-help">
    </div>
    <div class="actions">
      <button type="submit"><?cs call:icon("shield") ?><span><?cs var:L.Admin.Status.AddNotice ?></span></button>
    </div>
  </form>
</section>
<?cs include:"footer.cs" ?>
