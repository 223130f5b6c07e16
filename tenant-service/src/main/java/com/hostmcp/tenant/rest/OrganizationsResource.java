package com.hostmcp.tenant.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.hostmcp.rest.PathIds;
import com.hostmcp.tenant.Member;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.service.MemberService;
import com.hostmcp.tenant.service.OrganizationService;

import io.smallrye.mutiny.Uni;

/** An organization and its members, on behalf of the signed-in user named in {@code X-Acting-User}. */
@Path("/internal/organizations/{organizationId}")
@RolesAllowed("tenant-api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    private final OrganizationService organizations;
    private final MemberService members;

    public OrganizationsResource(OrganizationService organizations, MemberService members) {
        this.organizations = organizations;
        this.members = members;
    }

    /** {@code role} is the acting user's role in the organization. */
    public record OrganizationResponse(UUID id, String name, MemberRole role, Instant createdAt) {

        static OrganizationResponse of(OrganizationService.Membership membership) {
            return new OrganizationResponse(membership.organization().id(), membership.organization().name(),
                    membership.role(), membership.organization().createdAt());
        }
    }

    public record RenameRequest(@NotBlank @Size(max = 100) String name) {

        public RenameRequest {
            // surrounding spaces are not part of a name, and do not count towards its length
            name = name == null ? null : name.strip();
        }
    }

    /** {@code joined} is false until the invited person has signed in for the first time. */
    public record MemberResponse(UUID id, String email, MemberRole role, boolean joined, Instant createdAt) {

        static MemberResponse of(Member member) {
            return new MemberResponse(member.id(), member.email(), member.role(), member.subject() != null,
                    member.createdAt());
        }
    }

    public record AddMemberRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull MemberRole role) {

        public AddMemberRequest {
            // pasted addresses often carry spaces; the address itself cannot contain any
            email = email == null ? null : email.strip();
        }
    }

    public record ChangeRoleRequest(@NotNull MemberRole role) {
    }

    @GET
    public Uni<OrganizationResponse> get(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return organizations.find(PathIds.parse(organizationId), actingUser).map(OrganizationResponse::of);
    }

    @PATCH
    public Uni<OrganizationResponse> rename(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser, @NotNull @Valid RenameRequest request) {
        return organizations.rename(PathIds.parse(organizationId), actingUser, request.name()).map(OrganizationResponse::of);
    }

    @GET
    @Path("members")
    public Uni<List<MemberResponse>> members(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return members.list(PathIds.parse(organizationId), actingUser)
                .map(all -> all.stream().map(MemberResponse::of).toList());
    }

    @POST
    @Path("members")
    public Uni<Response> addMember(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser, @NotNull @Valid AddMemberRequest request) {
        return members.add(PathIds.parse(organizationId), actingUser, request.email(), request.role())
                .map(added -> Response.status(Response.Status.CREATED).entity(MemberResponse.of(added)).build());
    }

    @PATCH
    @Path("members/{memberId}")
    public Uni<MemberResponse> changeRole(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @PathParam("memberId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String memberId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser,
            @NotNull @Valid ChangeRoleRequest request) {
        return members.changeRole(PathIds.parse(organizationId), actingUser, PathIds.parse(memberId), request.role())
                .map(MemberResponse::of);
    }

    @DELETE
    @Path("members/{memberId}")
    public Uni<Void> removeMember(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @PathParam("memberId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String memberId,
            @HeaderParam("X-Acting-User") @NotBlank String actingUser) {
        return members.remove(PathIds.parse(organizationId), actingUser, PathIds.parse(memberId));
    }
}
