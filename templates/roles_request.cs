<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /roles/request?id=N: one request the session may decide (Roles.Req.*:
  Id, Name, Email, Role, Scope, Reason, Status, Created, Decided,
  Expires, Comment; Pending = 1 while it waits) and the decision form,
  refilled from Form.Decision, Form.Comment, Form.Expires after a refusal.
?>
<div class="page-head">
  <h1><?cs var:L.Roles.Req.Title ?>: <?cs var:Roles.Req.Role ?></h1>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?>
<section class="section panel" aria-labelledby="h-request">
  <h2 id="h-request" class="panel-title"><?cs call:icon("key") ?><span><?cs var:Roles.Req.Role ?></span></h2>
  <dl class="request-facts">
    <dt><?cs var:L.Roles.Req.Requester ?></dt>
    <dd><?cs var:Roles.Req.Name ?></dd>
    <dt><?cs var:L.Roles.Req.Email ?></dt>
    <dd><?cs var:Roles.Req.Email ?></dd>
    <dt><?cs var:L.Roles.Req.Scope ?></dt>
    <dd><?cs var:L.Roles.Scope[Roles.Req.Scope] ?></dd>
    <dt><?cs var:L.Roles.Req.Requested ?></dt>
    <dd class="nowrap"><?cs var:Roles.Req.Created ?></dd>
    <dt><?cs var:L.Roles.Req.Status ?></dt>
    <dd class="request-status"><?cs var:L.Roles.Status[Roles.Req.Status] ?></dd><?cs if:Roles.Req.Decided ?>
    <dt><?cs var:L.Roles.Req.Decided ?></dt>
    <dd class="nowrap"><?cs var:Roles.Req.Decided ?></dd><?cs /if ?><?cs if:Roles.Req.Expires ?>
    <dt><?cs var:L.Roles.Req.Expires ?></dt>
    <dd class="nowrap"><?cs var:Roles.Req.Expires ?></dd><?cs /if ?>
  </dl>
  <h3><?cs var:L.Roles.Req.Reason ?></h3>
  <p class="card-body request-reason"><?cs if:Roles.Req.Reason ?><?cs var:Roles.Req.Reason ?><?cs else ?><?cs var:L.Roles.Req.Unreadable ?><?cs /if ?></p><?cs if:Roles.Req.Comment ?>
  <h3><?cs var:L.Roles.Req.Comment ?></h3>
  <p class="card-body request-comment"><?cs var:Roles.Req.Comment ?></p><?cs /if ?>
</section>
<?cs if:Roles.Req.Pending == 1 ?>
<section class="section" aria-labelledby="h-decide">
  <h2 id="h-decide"><?cs var:L.Roles.Decide.Title ?></h2>
  <form method="post" action="<?cs var:Page.Base ?>/roles/decide">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <input type="hidden" name="id" value="<?cs var:Roles.Req.Id ?>">
    <fieldset class="field<?cs if:Form.Errors.decision ?> field-invalid<?cs /if ?>">
      <legend><?cs var:L.Roles.Decide.Decision ?> <span class="field-flag"><?cs var:L.Field.Required ?></span></legend><?cs call:field_error("decision") ?>
      <label><input type="radio" name="decision" value="approve" required<?cs if:Form.Decision == "approve" ?> checked<?cs /if ?>> <?cs var:L.Roles.Decide.Approve ?></label>
      <label><input type="radio" name="decision" value="reject"<?cs if:Form.Decision == "reject" ?> checked<?cs /if ?>> <?cs var:L.Roles.Decide.Reject ?></label>
    </fieldset>
    <div class="field<?cs if:Form.Errors.comment ?> field-invalid<?cs /if ?>">
      <label for="f-comment"><?cs var:L.Roles.Decide.Comment ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <p class="help" id="f-comment-help"><?cs var:L.Roles.Decide.CommentHelp ?></p><?cs call:field_error("comment") ?>
      <textarea id="f-comment" name="comment" rows="4" maxlength="<?cs var:Roles.CommentMax ?>" aria-describedby="f-comment-help<?cs if:Form.Errors.comment ?> f-comment-error<?cs /if ?>"<?cs if:Form.Errors.comment ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.Comment ?></textarea>
    </div>
    <div class="field<?cs if:Form.Errors.expires ?> field-invalid<?cs /if ?>">
      <label for="f-expires"><?cs var:L.Roles.Decide.Expires ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <p class="help" id="f-expires-help"><?cs var:L.Roles.Decide.ExpiresHelp ?></p><?cs call:field_error("expires") ?>
      <input id="f-expires" name="expires" type="date" value="<?cs var:Form.Expires ?>" aria-describedby="f-expires-help<?cs if:Form.Errors.expires ?> f-expires-error<?cs /if ?>"<?cs if:Form.Errors.expires ?> aria-invalid="true"<?cs /if ?>>
    </div>
    <button type="submit"><?cs call:icon("ok") ?><span><?cs var:L.Roles.Decide.Submit ?></span></button>
  </form>
</section>
<?cs /if ?>
<p><a href="<?cs var:Page.Base ?>/roles/queue"><?cs call:icon("arrow-left") ?><span><?cs var:L.Roles.Req.Back ?></span></a></p>
<?cs include:"footer.cs" ?>
