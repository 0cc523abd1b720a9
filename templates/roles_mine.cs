<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /roles: the roles the user holds (Roles.Held.N: Label, Scope org|global,
  Expires), their requests (Roles.Mine.N: Id, Role, Status, Created,
  Decided, Expires, Comment) and the form to ask for one of the roles in
  Roles.Can.N (Id, Label, Selected).  Page.Can.Approve: the program found
  that the session may decide requests somewhere.
?><?cs def:request_status(st)
?><span class="badge badge-<?cs if:st == "approved" ?>ok<?cs elif:st == "rejected" ?>down<?cs elif:st == "pending" ?>maintenance<?cs else ?>degraded<?cs /if ?>"><?cs
  if:st == "approved" ?><?cs call:icon("ok") ?><?cs elif:st == "rejected" ?><?cs call:icon("down") ?><?cs
  elif:st == "pending" ?><?cs call:icon("clock") ?><?cs else ?><?cs call:icon("arrow-left") ?><?cs /if
  ?><span><?cs var:L.Roles.Status[st] ?></span></span><?cs
/def ?>
<div class="page-head">
  <h1><?cs var:L.Roles.Title ?></h1>
  <p class="lead"><?cs var:L.Roles.Lead ?></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
<div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?><?cs if:Page.Can.Approve == 1 ?>
<ul class="places">
  <li><a class="place" href="<?cs var:Page.Base ?>/roles/queue"><span class="place-icon"><?cs call:icon("shield") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Roles.ToQueue ?></span><span class="place-desc"><?cs var:L.Roles.ToQueueDesc ?></span></span></a></li>
</ul>
<?cs /if ?>

<section class="section" aria-labelledby="h-held">
  <h2 id="h-held"><?cs var:L.Roles.Held.Title ?></h2>
<?cs if:subcount(Roles.Held) > 0 ?>
  <ul class="cards roles-held"><?cs each:h = Roles.Held ?>
    <li class="card">
      <div class="card-head"><h3><?cs var:h.Label ?></h3></div>
      <p class="card-meta"><?cs call:icon("globe") ?><span><?cs var:L.Roles.Held.Scope ?>: <?cs var:L.Roles.Scope[h.Scope] ?></span></p>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs if:h.Expires ?><?cs var:L.Roles.Held.Until ?>: <span class="nowrap"><?cs var:h.Expires ?></span><?cs else ?><?cs var:L.Roles.Held.NoEnd ?><?cs /if ?></span></p>
    </li><?cs /each ?>
  </ul>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Roles.Held.None ?></span></p>
<?cs /if ?>
</section>

<section class="section" aria-labelledby="h-mine">
  <h2 id="h-mine"><?cs var:L.Roles.Mine.Title ?></h2>
<?cs if:subcount(Roles.Mine) > 0 ?>
  <ul class="cards roles-mine"><?cs each:m = Roles.Mine ?>
    <li class="card" id="request-<?cs var:m.Id ?>">
      <div class="card-head">
        <h3><?cs var:m.Role ?></h3>
        <?cs call:request_status(m.Status) ?>
      </div>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Roles.Mine.Requested ?>: <span class="nowrap"><?cs var:m.Created ?></span><?cs if:m.Decided ?> · <?cs var:L.Roles.Mine.Decided ?>: <span class="nowrap"><?cs var:m.Decided ?></span><?cs /if ?></span></p><?cs if:m.Expires ?>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Roles.Mine.Until ?>: <span class="nowrap"><?cs var:m.Expires ?></span></span></p><?cs /if ?><?cs if:m.Comment ?>
      <p class="card-meta"><?cs call:icon("message") ?><span><?cs var:L.Roles.Mine.Comment ?>:</span></p>
      <p class="card-body request-comment"><?cs var:m.Comment ?></p><?cs /if ?><?cs if:m.Status == "pending" ?>
      <form method="post" action="<?cs var:Page.Base ?>/roles/withdraw">
        <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
        <input type="hidden" name="id" value="<?cs var:m.Id ?>">
        <div class="actions"><button type="submit" class="button-small button-secondary"><?cs call:icon("arrow-left") ?><span><?cs var:L.Roles.Mine.Withdraw ?></span></button></div>
      </form><?cs /if ?>
    </li><?cs /each ?>
  </ul>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Roles.Mine.None ?></span></p>
<?cs /if ?>
</section>

<section class="section" aria-labelledby="h-ask">
  <h2 id="h-ask"><?cs var:L.Roles.Ask.Title ?></h2>
<?cs if:subcount(Roles.Can) > 0 ?>
  <p class="help"><?cs var:L.Roles.Ask.Lead ?></p>
  <form method="post" action="<?cs var:Page.Base ?>/roles/request">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <div class="field<?cs if:Form.Errors.role ?> field-invalid<?cs /if ?>">
      <label for="f-role"><?cs var:L.Roles.Ask.Role ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label><?cs call:field_error("role") ?>
      <select id="f-role" name="role" required<?cs if:Form.Errors.role ?> aria-invalid="true" aria-describedby="f-role-error"<?cs /if ?>>
        <option value=""><?cs var:L.Roles.Ask.Choose ?></option><?cs each:c = Roles.Can ?>
        <option value="<?cs var:c.Id ?>"<?cs if:c.Selected == 1 ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs if:Form.Errors.reason ?> field-invalid<?cs /if ?>">
      <label for="f-reason"><?cs var:L.Roles.Ask.Reason ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></label>
      <p class="help" id="f-reason-help"><?cs var:L.Roles.Ask.ReasonHelp ?></p><?cs call:field_error("reason") ?>
      <textarea id="f-reason" name="reason" rows="5" minlength="<?cs var:Roles.ReasonMin ?>" maxlength="<?cs var:Roles.ReasonMax ?>" required aria-describedby="f-reason-help<?cs if:Form.Errors.reason ?> f-reason-error<?cs /if ?>"<?cs if:Form.Errors.reason ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.Reason ?></textarea>
    </div>
    <button type="submit"><?cs call:icon("key") ?><span><?cs var:L.Roles.Ask.Submit ?></span></button>
  </form>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Roles.Ask.Nothing ?></span></p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
