<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs include:"profile_nav.cs" ?>
<section class="section" aria-labelledby="h-sessions">
  <h2 id="h-sessions"><?cs var:L.Profile.Sessions.Heading ?></h2>
  <p class="help"><?cs var:L.Profile.Sessions.Help ?></p>
  <div class="table-wrap">
  <table class="profile-table">
    <thead>
      <tr><th scope="col"><?cs var:L.Profile.Sessions.Device ?></th><th scope="col"><?cs var:L.Profile.Sessions.IP ?></th><th scope="col"><?cs var:L.Profile.Sessions.Created ?></th><th scope="col"><?cs var:L.Profile.Sessions.LastSeen ?></th><th scope="col"><span class="visually-hidden"><?cs var:L.Profile.Sessions.Action ?></span></th></tr>
    </thead>
    <tbody><?cs each:sess = Profile.Sessions ?>
      <tr<?cs if:sess.Current == 1 ?> class="session-current"<?cs /if ?>>
        <td><?cs if:sess.Device ?><?cs var:sess.Device ?><?cs else ?><?cs var:L.Profile.Sessions.Unknown ?><?cs /if ?><?cs if:sess.Current == 1 ?> <strong class="badge badge-ok"><?cs call:icon("ok") ?><span><?cs var:L.Profile.Sessions.This ?></span></strong><?cs /if ?><?cs if:sess.Pending == 1 ?> <span class="badge badge-maintenance"><?cs call:icon("info") ?><span><?cs var:L.Profile.Sessions.Pending ?></span></span><?cs /if ?></td>
        <td><?cs if:sess.IP ?><?cs var:sess.IP ?><?cs else ?>–<?cs /if ?></td>
        <td class="nowrap"><?cs var:sess.Created ?></td>
        <td class="nowrap"><?cs var:sess.LastSeen ?></td>
        <td>
          <form method="post" action="<?cs var:Page.Base ?>/profile/sessions/end">
            <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
            <input type="hidden" name="id" value="<?cs var:sess.Id ?>">
            <button type="submit" class="button-small button-secondary"><?cs call:icon("logout") ?><span><?cs if:sess.Current == 1 ?><?cs var:L.Profile.Sessions.EndThis ?><?cs else ?><?cs var:L.Profile.Sessions.End ?><?cs /if ?></span></button>
          </form>
        </td>
      </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
<?cs include:"footer.cs" ?>
