<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"admin_nav.cs" ?>
<?cs call:admin_nav() ?>
<div class="page-head">
  <h1><?cs var:Admin.Role.Label ?> <code><?cs var:Admin.Role.Name ?></code></h1>
  <p class="lead"><?cs var:L.Admin.Role.Lead ?></p>
</div>
<?cs call:admin_alerts() ?>
<section class="section" aria-labelledby="h-facts">
  <h2 id="h-facts"><?cs var:L.Admin.Role.Facts ?></h2>
  <dl class="facts">
    <dt><?cs var:L.Admin.Role.Name ?></dt><dd><code><?cs var:Admin.Role.Name ?></code></dd>
    <dt><?cs var:L.Admin.Role.Scope ?></dt><dd><?cs var:L.Admin.Scope[Admin.Role.Scope] ?></dd>
    <dt><?cs var:L.Admin.Role.Holders ?></dt><dd><?cs var:Admin.Role.Holders ?></dd>
    <dt><?cs var:L.Admin.Role.Builtin ?></dt><dd><?cs if:Admin.Role.Builtin == "1" ?><?cs var:L.Admin.Yes ?><?cs else ?><?cs var:L.Admin.No ?><?cs /if ?></dd>
  </dl>
  <p class="help"><?cs var:L.Admin.Role.Fixed ?></p>
</section>
<section class="section" aria-labelledby="h-edit">
  <h2 id="h-edit"><?cs var:L.Admin.Role.Edit ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/role">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.Role.Id ?>">
    <?cs call:approval_select() ?>
    <?cs call:perm_boxes() ?>
    <div class="actions">
      <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Admin.Save ?></span></button>
    </div>
  </form>
</section><?cs if:Admin.Role.Builtin != "1" ?>
<section class="section" aria-labelledby="h-delete">
  <h2 id="h-delete"><?cs var:L.Admin.Role.Delete ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/admin/role/delete">
    <?cs call:csrf() ?>
    <input type="hidden" name="id" value="<?cs var:Admin.Role.Id ?>">
    <p class="help"><?cs var:L.Admin.Role.DeleteHelp ?></p>
    <button type="submit" class="button-secondary"><?cs call:icon("degraded") ?><span><?cs var:L.Admin.Role.Delete ?></span></button>
  </form>
</section><?cs /if ?>
<?cs include:"footer.cs" ?>
