<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /roles/queue: the pending requests this session may decide, as the
  program found them with pf_may_grant (Roles.Queue.N: Id, Name, Email,
  Role, Reason, Created).  The justification is the requester's
  text: escaped like every value.
?>
<div class="page-head">
  <h1><?cs var:L.Roles.Queue.Title ?></h1>
  <p class="lead"><?cs var:L.Roles.Queue.Lead ?></p>
</div>
<?cs if:Form.Notice ?>
<div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?>
<section class="section" aria-labelledby="h-queue">
  <h2 id="h-queue" class="visually-hidden"><?cs var:L.Roles.Queue.Title ?></h2>
<?cs if:subcount(Roles.Queue) > 0 ?>
  <ul class="cards roles-queue"><?cs each:q = Roles.Queue ?>
    <li class="card" id="request-<?cs var:q.Id ?>">
      <div class="card-head">
        <h3><?cs var:q.Role ?></h3>
        <span class="badge badge-maintenance"><?cs call:icon("clock") ?><span><?cs var:L.Roles.Status.pending ?></span></span>
      </div>
      <p class="card-meta"><?cs call:icon("user") ?><span><?cs var:L.Roles.Queue.Requester ?>: <?cs var:q.Name ?> &lt;<?cs var:q.Email ?>&gt;</span></p>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Roles.Queue.Requested ?>: <span class="nowrap"><?cs var:q.Created ?></span></span></p>
      <p class="card-meta"><?cs call:icon("message") ?><span><?cs var:L.Roles.Queue.Reason ?>:</span></p>
      <p class="card-body request-reason"><?cs if:q.Reason ?><?cs var:q.Reason ?><?cs else ?><?cs var:L.Roles.Req.Unreadable ?><?cs /if ?></p>
      <div class="actions"><a class="button button-small" href="<?cs var:Page.Base ?>/roles/request?id=<?cs var:url_escape(q.Id) ?>"><span><?cs var:L.Roles.Queue.Open ?></span><?cs call:icon("arrow-right") ?></a></div>
    </li><?cs /each ?>
  </ul>
<?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Roles.Queue.None ?></span></p>
<?cs /if ?>
</section>
<p><a href="<?cs var:Page.Base ?>/roles"><?cs call:icon("arrow-left") ?><span><?cs var:L.Roles.Queue.Back ?></span></a></p>
<?cs include:"footer.cs" ?>
