package com.hostmcp.tenant.notification;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.hostmcp.tenant.Member;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.Organization;
import com.hostmcp.tenant.repository.MemberRepository;
import com.hostmcp.tenant.repository.OrganizationRepository;
import com.hostmcp.tenant.repository.TenantTransactions;
import com.hostmcp.tenant.service.CredentialsInvalidatedNotice;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * E-mails an organization's owners about changes they must act on. Callers invoke it after their transaction has
 * committed and only for an actual change of state, so each change is announced once. Sending is best effort: a mail
 * server failure is logged and never undoes or repeats the change that caused it.
 */
@ApplicationScoped
public class OwnerNotifier {

    private static final Logger LOG = Logger.getLogger(OwnerNotifier.class);

    private final ReactiveMailer mailer;
    private final TenantTransactions transactions;
    private final OrganizationRepository organizations;
    private final MemberRepository members;

    public OwnerNotifier(ReactiveMailer mailer, TenantTransactions transactions, OrganizationRepository organizations,
            MemberRepository members) {
        this.mailer = mailer;
        this.transactions = transactions;
        this.organizations = organizations;
        this.members = members;
    }

    /** Fired by the credential service after it committed credentials turning INVALID. */
    void onCredentialsInvalidated(@Observes CredentialsInvalidatedNotice notice) {
        // the observer may run on an event-loop thread: start the mail without waiting for it
        credentialsInvalidated(notice).subscribe().with(sent -> {
        });
    }

    public Uni<Void> credentialsInvalidated(CredentialsInvalidatedNotice notice) {
        return mailOwners(notice.organizationId(), "Reconnect your Hostaway account",
                organization -> "Hostaway no longer accepts the credentials of account " + notice.accountId()
                        + " connected to your organization \"" + organization + "\" (" + notice.reason() + ").\n\n"
                        + "Until you reconnect it, AI assistants using your HostMCP API keys cannot reach Hostaway."
                        + " Sign in to the HostMCP dashboard and connect the account again with a current API secret.");
    }

    public Uni<Void> entitlementSuspended(UUID organizationId, String reason) {
        return mailOwners(organizationId, "Your HostMCP access is suspended",
                organization -> "HostMCP access of your organization \"" + organization + "\" is suspended ("
                        + reason + ").\n\n"
                        + "MCP clients are refused until the subscription is in good standing again."
                        + " Update your payment details in the HostMCP dashboard to restore access.");
    }

    public Uni<Void> entitlementReactivated(UUID organizationId, String reason) {
        return mailOwners(organizationId, "Your HostMCP access is active again",
                organization -> "HostMCP access of your organization \"" + organization + "\" is active again ("
                        + reason + ").\n\nYour MCP clients can use HostMCP as before.");
    }

    private Uni<Void> mailOwners(UUID organizationId, String subject,
            Function<String, String> textForOrganization) {
        // no user is acting: a system read of the organization and its owners
        return transactions.asService(tx -> organizations.findById(tx, organizationId)
                .flatMap(organization -> members.listByOrganization(tx, organizationId)
                        .map(all -> organization.map(org -> mails(org, all, subject, textForOrganization))
                                .orElse(List.of()))))
                .flatMap(mails -> {
                    if (mails.isEmpty()) {
                        LOG.debugf("Organization %s has no owner to notify", organizationId);
                        return Uni.createFrom().voidItem();
                    }
                    return mailer.send(mails.toArray(Mail[]::new));
                })
                .onFailure().invoke(failure -> LOG.warnf("Could not notify the owners of organization %s (%s): %s",
                        organizationId, subject, failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static List<Mail> mails(Organization organization, List<Member> members, String subject,
            Function<String, String> textForOrganization) {
        String text = textForOrganization.apply(organization.name());
        // one message per owner, so that owners do not see each other's addresses
        return members.stream().filter(member -> member.role() == MemberRole.OWNER)
                .map(owner -> Mail.withText(owner.email(), subject, text))
                .toList();
    }
}
