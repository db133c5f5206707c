// Generated from the HTTP API's OpenAPI document by `npm run openapi:types`; do not edit.
// `npm run openapi:check` (CI) fails when a route changes without regenerating this file.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ready for traffic: the database answers and its schema is this version's
         * @description Otherwise 503 NOT_READY saying why: the database does not answer, or its schema is behind or ahead of this version (an upgrade under way). With a read replica (READ_DATABASE_URL), `readReplica` says whether the public reads go to it; a replica set aside never makes the process unready (the primary answers those reads).
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The regions (province, cities and counties) with their number of libraries */
        get: operations["getRegions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Participating and planned libraries, by region */
        get: operations["getLibraries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One library with its loan rules and coming closed dates */
        get: operations["getLibrariesByLibraryId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a library's listing or status (network admin): planned → participating
         * @description A name (Korean or English) is corrected everywhere at once: the library code, in addresses and as the SIP2 institution ID, never changes.
         */
        patch: operations["patchLibrariesByLibraryId"];
        trace?: never;
    };
    "/api/v1/network-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rules of the whole network (network loan limit, suspensions) */
        get: operations["getNetworkRules"];
        /** Edit the network rules (network admin): network loan limit, suspension mode, optional cap, machines require the PIN */
        put: operations["putNetworkRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/facts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rewrite the library's facts in Korean and English: address, phone, opening hours, closed-days note (its library admin, or the network admin) */
        put: operations["putLibrariesByLibraryIdFacts"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/loan-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Edit the library's loan rules (its library admin, or the network admin)
         * @description Changes apply to new loans and renewals; existing due dates are not rewritten, except that a weekday newly closed moves the open loans due on it (from today on) to the next open day, each move recorded (loansMoved: how many). A loan limit above the network limit is refused with LOAN_LIMIT_ABOVE_NETWORK (limit: the network limit).
         */
        put: operations["putLibrariesByLibraryIdLoanRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A library's calendar between two dates: weekly closed days, its own closed days, and the public holidays (with the ones it is open on) */
        get: operations["getLibrariesByLibraryIdCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/closed-day-impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many open loans fall due on a date at the library, and where closing it would move them (read-only) */
        get: operations["getLibrariesByLibraryIdClosedDayImpact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add (or rename) a closed date of the library, from today on; moves the open loans due that day */
        post: operations["postLibrariesByLibraryIdHolidays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/holidays/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a closed date of the library */
        delete: operations["deleteLibrariesByLibraryIdHolidaysByDate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/holiday-exceptions/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Open the library on a public holiday, or close it again (moves the loans due that day) */
        put: operations["putLibrariesByLibraryIdHolidayExceptionsByDate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/network-holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The network's public holidays between two dates */
        get: operations["getNetworkHolidays"];
        put?: never;
        /** Add (or rename) a public holiday, from today on (network admin); moves the open loans due that day */
        post: operations["postNetworkHolidays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/network-holidays/impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many open loans fall due on a date in the network (read-only, network admin) */
        get: operations["getNetworkHolidaysImpact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/network-holidays/bundled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year's public holidays from the bundled date-holidays package, to check and import (network admin) */
        get: operations["getNetworkHolidaysBundled"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/network-holidays/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a list of public holidays (network admin): dates from today on are added or renamed, past ones skipped */
        post: operations["postNetworkHolidaysImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/network-holidays/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a public holiday (network admin) */
        delete: operations["deleteNetworkHolidaysByDate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/check-in-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check-in groups: a check-in at one library of a group covers the group */
        get: operations["getCheckInGroups"];
        put?: never;
        /** Create a check-in group (network admin) */
        post: operations["postCheckInGroups"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/check-in-groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rename a check-in group or change its libraries (network admin) */
        put: operations["putCheckInGroupsByGroupId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log (read-only): network admin, or a library admin for their library
         * @description Newest first, a page at a time: the next page is asked with `before` set to the answer's `nextBefore`. An event names its actor (a staff member's name, a machine's account) and, where one is kept, its subject (a staff member, a machine, a copy's barcode); a member only by a pseudonym that withdrawal deletes.
         */
        get: operations["getAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Staff sign-in: sets the session cookie and returns the CSRF token for writes
         * @description Five wrong passwords lock the account for ten minutes (SIGN_IN_LOCKED).
         */
        post: operations["postStaffSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends the current session (staff or member), from any tab: needs no x-csrf-token header */
        post: operations["postSignOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this browser has a session, and whose (a member or staff): 200 either way, so a page can ask without a 401 */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in staff member */
        get: operations["getStaffMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my password; my other sessions end */
        post: operations["postStaffMePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A library's staff accounts (its library admin, or the network admin) */
        get: operations["getLibrariesByLibraryIdStaff"];
        put?: never;
        /**
         * Create a staff account at a library
         * @description A library admin creates desk and library admin accounts at their own library; only the network admin creates network admins.
         */
        post: operations["postLibrariesByLibraryIdStaff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{staffId}/disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable or enable a staff account (disabling ends its sessions) */
        post: operations["postStaffByStaffIdDisabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/pre-registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Online pre-registration: the member is pending until verified at the home library desk
         * @description Under 14 (Korean date) a guardian with consent is required (GUARDIAN_CONSENT_REQUIRED). The same name, birth date and phone twice is DUPLICATE_MEMBER.
         */
        post: operations["postMembersPreRegistrations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Member sign-in with card number (or, before a card exists, the registered phone or e-mail) and password
         * @description Five wrong passwords or PINs lock the card for ten minutes (SIGN_IN_LOCKED). A lost card is CARD_LOST.
         */
        post: operations["postMembersSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My membership: status, card, consent renewal */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/data-holders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The libraries that hold my personal data (home library, check-ins and their groups) */
        get: operations["getMeDataHolders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my password; my other sessions end */
        post: operations["postMePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set or change my PIN for self-check machines (confirmed with my password) */
        post: operations["postMePin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/card/lost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report my card lost: from now on every use of it is refused (CARD_LOST) */
        post: operations["postMeCardLost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Renew my consent to keep personal data (every 2 years) */
        post: operations["postMeConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw: refused while a suspension runs (MEMBER_SUSPENDED, until when), a book is overdue (MEMBER_HAS_OVERDUE) or loans are open (OPEN_LOANS); erases my personal data */
        post: operations["postMeWithdrawal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find members this library holds by phone, or by name and birth date (for verifying a pre-registration)
         * @description Only members held by the desk's library (home library, its check-in group, or checked in there); others are found only by the card they present.
         */
        get: operations["getMembers"];
        put?: never;
        /**
         * Walk-in registration at the desk: verified, active and carded in one step; this library is home
         * @description The same person twice is DUPLICATE_MEMBER: with params existing 'pending', homeLibrary, homeLibraryEn and verifyAt ('here' or 'home') when they applied online (verified at their home library only), or existing 'member'.
         */
        post: operations["postMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member held by this library (home, check-in group or checked in)
         * @description FORBIDDEN for a member this library does not hold, and for an unknown id alike: a library that does not hold the member starts from the card presented (GET /api/v1/cards/{cardNumber}).
         */
        get: operations["getMembersByMemberId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cards/{cardNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Scan a card at the desk: the card and its member (privacy split applies)
         * @description A mistyped number is CARD_NUMBER_INVALID, an unknown one CARD_UNKNOWN. A lost or replaced card is shown with its status so the desk can act. A library may look up 60 cards an hour whose members it does not hold (or no one's): past that, RATE_LIMITED with params limited: cardLookups, limit and until.
         */
        get: operations["getCardsByCardNumber"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Desk verification at the home library: records the ID type, activates, issues a card */
        post: operations["postMembersByMemberIdVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/check-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check the member in at this desk's library (and its check-in group)
         * @description Starts from the member's card presented at the desk: the card must be this member's (else FORBIDDEN); a lost or replaced card is refused.
         */
        post: operations["postMembersByMemberIdCheckIns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/card/lost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report the member's card lost (staff of a library that holds the member) */
        post: operations["postMembersByMemberIdCardLost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The member's card history (staff where the member is checked in, or the member) */
        get: operations["getMembersByMemberIdCards"];
        put?: never;
        /** Reissue the card after an ID check, at a library where the member is checked in; the old number is dead forever */
        post: operations["postMembersByMemberIdCards"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password and/or PIN for the member after an ID check (desk where checked in); unlocks the card */
        post: operations["postMembersByMemberIdCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a member at the desk (refused with MEMBER_SUSPENDED, MEMBER_HAS_OVERDUE or OPEN_LOANS) */
        post: operations["postMembersByMemberIdWithdrawal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Renew the member's consent at the desk of a library that holds the member */
        post: operations["postMembersByMemberIdConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lend an item at this desk's library (card + item barcode)
         * @description Due date per the lending library's rules and calendar. Refusals list every reason that applies in `reasons` (codes: CARD_NUMBER_INVALID, CARD_UNKNOWN, CARD_LOST, CARD_REPLACED, CARD_BLOCKED, MEMBER_PENDING, MEMBER_WITHDRAWN, LIBRARY_NOT_PARTICIPATING, CHECK_IN_REQUIRED, MEMBER_SUSPENDED (until, resume, reason), MEMBER_HAS_OVERDUE (library, dueDate), LIBRARY_LOAN_LIMIT, NETWORK_LOAN_LIMIT (limit), ITEM_UNKNOWN, ITEM_NOT_LOANABLE, ITEM_ON_LOAN, ITEM_ON_HOLD). At a checkout, a requested copy of another library here is ITEM_ON_HOLD with requestState sent (not yet received) or arrived (for another member, with heldFor and pickupUntil), and ITEM_UNKNOWN with title, owner, sendTo and sendToLibraryId when it is to go home or is astray here; this library's own copy lent through a request is ITEM_ON_HOLD with requestState requested or sent (with pickupLibrary) or returning (to receive home); a copy on the hold shelf for another member is ITEM_ON_HOLD with title, heldFor (masked) and pickupUntil; another library's copy in no request and not on loan is ITEM_UNKNOWN with title, owner, sendTo (its home), request none and at: checkout (copies of several other libraries under the barcode: owners and libraries); a library card's number scanned as the item is ITEM_UNKNOWN with scanned: card.
         */
        post: operations["postCheckouts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Return an item at the library that lent it (no card needed)
         * @description Elsewhere the answer is RETURN_AT_LENDING_LIBRARY_ONLY with the lending library and its phone (for an inter-library loan, its pickup library). A late return suspends the member at once, everywhere (ITEM_UNKNOWN, ITEM_NOT_ON_LOAN otherwise; a copy returned here earlier today is ITEM_NOT_ON_LOAN with params returnedOn and title, and heldFor and pickupUntil when it is kept for a hold, or sendTo when it is a requested copy of another library, to send home; a copy on the hold shelf since an earlier day is ITEM_NOT_ON_LOAN with title, heldFor and pickupUntil; a copy on the put-back list (its hold ended with nobody next in line) is ITEM_NOT_ON_LOAN with params title and putBack (cancelled, expired or withdrawn), and leaves the list; a requested copy not on loan is ITEM_NOT_ON_LOAN with params requestState and title: at its pickup library sent (not yet received), arrived (waiting for its member, with heldFor and pickupUntil) or returning (to send home, with sendTo); at the library lending it requested (to scan out and send) or sent (to send), both with pickupLibrary and pickupLibraryId, or returning (back home, to receive home); at any other library ITEM_UNKNOWN with params title, owner, sendTo and sendToLibraryId: where it goes, its pickup library or home; a copy of another library in no request and not on loan is the same with request none, sent home, and a barcode on such copies of several other libraries is ITEM_UNKNOWN with owners, ownersEn (a few named) and libraries (how many); a library card number scanned as the item is ITEM_UNKNOWN with scanned: card).
         */
        post: operations["postReturns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/renewals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renew a loan at the lending library (by item barcode)
         * @description An inter-library loan is renewed at its pickup library too, under that library's rules. Refused with RENEWAL_OVERDUE, RENEWAL_LIMIT or MEMBER_SUSPENDED (all that apply).
         */
        post: operations["postRenewals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/loans/{loanId}/renewal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renew my loan online, where the lending library allows it
         * @description Refused with RENEWAL_NOT_ONLINE, RENEWAL_OVERDUE, RENEWAL_LIMIT or MEMBER_SUSPENDED.
         */
        post: operations["postMeLoansByLoanIdRenewal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/loans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My loans at every library, overdue loans, suspension and loans left */
        get: operations["getMeLoans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/loans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The member's network status for this desk: loans at other libraries show library and due date only */
        get: operations["getMembersByMemberIdLoans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/loan-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My past loans across libraries */
        get: operations["getMeLoanHistory"];
        /** Switch my loan history on or off (off: returned loans are not kept with my name) */
        put: operations["putMeLoanHistory"];
        post?: never;
        /** Delete my loan history (past loans stay only as anonymous records) */
        delete: operations["deleteMeLoanHistory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hold-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The network's hold rules, and with `libraryId` the library's own and those in force */
        get: operations["getHoldRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/network-hold-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Edit the network's hold rules (network admin) */
        put: operations["putNetworkHoldRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/hold-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Lower the hold rules at a library (its library admin, or the network admin)
         * @description A value above the network's is refused (VALIDATION_FAILED).
         */
        put: operations["putLibrariesByLibraryIdHoldRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My holds: state, place in line, pickup day */
        get: operations["getMeHolds"];
        put?: never;
        /**
         * Hold a title at a library where I am checked in (every copy there is out)
         * @description Refusals list every reason that applies in `reasons`: the borrowing refusals (CARD_*, MEMBER_PENDING, MEMBER_WITHDRAWN, LIBRARY_NOT_PARTICIPATING, CHECK_IN_REQUIRED, MEMBER_SUSPENDED, MEMBER_HAS_OVERDUE), HOLD_NOT_NEEDED (a copy is on the shelf: borrow it), HOLD_DUPLICATE (already holding or borrowing the title), HOLD_LIMIT, HOLD_QUEUE_FULL, HOLD_BANNED (until), ITEM_UNKNOWN / ITEM_NOT_LOANABLE (no loanable copy here).
         */
        post: operations["postMeHolds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/holds/{holdId}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel my hold (a copy set aside for it goes to the next in line) */
        post: operations["postMeHoldsByHoldIdCancellation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Place a hold at this desk's library for the member whose card is presented
         * @description The title by its record id or by a copy's barcode at this library. Refusals list every reason that applies in `reasons`: the borrowing refusals (CARD_*, MEMBER_PENDING, MEMBER_WITHDRAWN, LIBRARY_NOT_PARTICIPATING, CHECK_IN_REQUIRED, MEMBER_SUSPENDED, MEMBER_HAS_OVERDUE), HOLD_NOT_NEEDED (a copy is on the shelf: borrow it), HOLD_DUPLICATE (already holding or borrowing the title), HOLD_LIMIT, HOLD_QUEUE_FULL, HOLD_BANNED (until), ITEM_UNKNOWN / ITEM_NOT_LOANABLE (no loanable copy here).
         */
        post: operations["postHolds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds/{holdId}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a hold at this desk's library */
        post: operations["postHoldsByHoldIdCancellation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The member's active holds for this desk: those at its library in full, those elsewhere counted by library */
        get: operations["getMembersByMemberIdHolds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hold-shelf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hold shelf of this desk's library: copies set aside, earliest pickup day first */
        get: operations["getHoldShelf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hold-shelf/put-back/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The desk put a copy of the put-back list back on the open shelf
         * @description NOT_FOUND for a copy not on this desk's library's list.
         */
        post: operations["postHoldShelfPutBackByItemId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the network catalogue: titles, and which libraries hold them
         * @description Titles (bibliographic records) held by participating libraries. No sign-in needed; without one,
         *     at most 60 searches a minute from one address (RATE_LIMITED after).
         *
         *     - **q**: words of a title or an author's name, at least 2 characters. Every word must
         *       match: a Korean word anywhere in a title word (바다 finds 푸른 바다의 전설), other words whole
         *       (case and accents ignored). An ISBN-10 or ISBN-13 typed here (hyphens allowed) finds that ISBN.
         *     - **isbn**: an ISBN-10 or ISBN-13, hyphens allowed.
         *     - **region** (a region's code; a province includes its cities and counties), **library** (an id),
         *       **available** (only copies on the shelf now): which holdings count; a title without any is left out.
         *
         *     Order: the exact title first, then titles starting with the query, then titles holding every word,
         *     then the rest (author matches); then titles held by more libraries, then by title. The
         *     200 matching titles held by the most libraries are ranked, with up to
         *     100 titles starting with the query however few hold them (a very common word stays fast).
         *     Page with `cursor` (the `nextCursor` of the page before; null on the last page).
         *
         *     A result carries at most 8 holding libraries per title (`libraryCount` says how many hold
         *     it; GET /api/v1/catalogue/titles/{id} lists them all): the viewer's own first, then the first by library
         *     id, so that a title held everywhere costs no more than one held once; `copies` and `available` are theirs.
         *     A signed-in member sees, per library, whether they may borrow there now (`checkedIn`), those
         *     libraries first; staff see the call numbers. A search writes nothing (no audit event).
         */
        get: operations["getCatalogue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalogue/titles/{recordId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One title and every participating library that holds it
         * @description The title with its subjects, and every participating library holding it with its phone, address, opening hours and closed days, copies and copies on the shelf now. The same member and staff details as the search. NOT_FOUND for an unknown title or one no participating library holds. No sign-in needed (rate-limited as the search).
         */
        get: operations["getCatalogueTitlesByRecordId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A library's copies, with their loan status (staff of the library) */
        get: operations["getLibrariesByLibraryIdItems"];
        put?: never;
        /**
         * Add one copy (library admin of the library, or the network admin)
         * @description The same rules as a row of the CSV import; CONFLICT when the barcode exists.
         */
        post: operations["postLibrariesByLibraryIdItems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/items/{barcode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One copy by its barcode, with its loan status (staff of the library) */
        get: operations["getLibrariesByLibraryIdItemsByBarcode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/items/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a library's holdings from a CSV, MARC (ISO 2709) or MARCXML file (library admin, network admin)
         * @description Send the file itself as the request body, at most 20 MB and 100,000
         *     rows (copies). The `Content-Type` says the format:
         *
         *     - `text/csv` (browsers on Windows may send `application/vnd.ms-excel` for a .csv file): CSV;
         *     - `application/marc`: MARC 21 or KORMARC as ISO 2709 (.mrc);
         *     - `application/marcxml+xml`, `application/xml` or `text/xml`: MARCXML (a `<collection>` of
         *       `<record>`s or one `<record>`, with or without the `marc:` prefix);
         *     - `application/octet-stream`: the format is recognised from the first bytes.
         *
         *     **Character set** (`encoding`): `auto` (default) reads UTF-8 when the bytes are UTF-8 and otherwise
         *     EUC-KR (CP949, what Korean Excel saves); `utf-8` or `euc-kr` choose. For ISO 2709 it is decided
         *     per record (leader/09 `a` means UTF-8); for MARCXML the XML declaration's encoding is honoured.
         *
         *     **CSV**: the first line names the columns, in any order: `barcode,title,author,publisher,year,isbn,call_number,loanable,kdc,subjects`. Korean
         *     headers work too (등록번호, 서명, 저자, 출판사, 발행년, 청구기호, 대출가능).
         *     `GET /api/v1/items/template.csv` gives a template.
         *
         *     - **barcode** (required): letters A-Z, digits and hyphens, at most 32; unique in the library.
         *     - **title** (required): at most 500 characters.
         *     - **author**, **publisher**, **call_number**: optional text.
         *     - **year**: optional, a whole number up to next year.
         *     - **isbn**: optional ISBN-10 or ISBN-13, hyphens allowed; kept as ISBN-13.
         *     - **loanable**: empty means yes; true/false, yes/no, y/n, 1/0, 예/아니오, 가능/불가, 대출가능/대출불가 or 관내열람 (reference only).
         *
         *     **MARC** (the full table is in docs/architecture.md): title 245 $a : $b (ISBD punctuation dropped);
         *     author 100/110, else 700/710, else 245 $d/$c; publisher and year 260 or 264 $b/$c (the first four
         *     digits); ISBN 020 $a (qualifiers like "(pbk.)" dropped); KDC 056 $a; subjects 650/653; call number
         *     090 $a $b $c. Each copy is a KORMARC registration number 049 $l (one 049 may list several) or an 852
         *     field ($p barcode, $h $i its call number). A record without any barcode is reported and skipped.
         *
         *     A file that cannot be read (neither UTF-8 nor EUC-KR, a quote never closed, no barcode or title
         *     column, not XML, no records) is refused with VALIDATION_FAILED (field `file`) and nothing is
         *     imported. Otherwise every good row is imported in one transaction and every bad row or record is
         *     skipped and reported, in the reader's language, with its line (CSV; the header is line 1) or its
         *     record number and control number 001 (MARC): a wrong value, a barcode twice in the file, or a
         *     barcode the library already has. `dryRun=true` gives the same report and writes nothing.
         */
        post: operations["postLibrariesByLibraryIdItemsImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items/template.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A CSV template for the holdings import (UTF-8 with a byte order mark) */
        get: operations["getItemsTemplateCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/terminals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's self-check terminals (its library admin, or the network admin) */
        get: operations["getLibrariesByLibraryIdTerminals"];
        put?: never;
        /**
         * Create a self-check terminal account (SIP2 login) at the library
         * @description Its library admin or the network admin. The machine logs in with this user name and password (SIP2 93); a taken user name is CONFLICT.
         */
        post: operations["postLibrariesByLibraryIdTerminals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/terminals/{terminalId}/allowed-addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the source addresses a self-check terminal may log in from
         * @description Its library admin or the network admin; recorded in the audit log. Each entry an IPv4 or IPv6 address or a CIDR range, stored canonical (192.168.1.7/24 → 192.168.1.0/24). A SIP2 login (93) from any other address is refused like a wrong password, without the password being checked and without locking the account. An empty list lets the machine log in from any address. Open sessions are not ended; the list applies from the machine's next login.
         */
        put: operations["putTerminalsByTerminalIdAllowedAddresses"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/card/unblock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clear a self-check machine's block of the member's card (staff of a library that holds the member, after checking)
         * @description A machine blocks a card with SIP2 "block patron"; every use is then refused with CARD_BLOCKED until staff clear it. Recorded in the audit log. CONFLICT when the card is not blocked.
         */
        post: operations["postMembersByMemberIdCardUnblock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Loans per day and per library, the share lent to members of other libraries, suspensions, members joined and withdrawn, inter-library requests (network admin: the network; library admin: their library)
         * @description Loan days and return days are Korean calendar dates. Without `to`, today; without `from`, the 30 days that end on `to`; at most 367 days. The network admin may pass `libraryId` for one library; a library admin sees only their own (FORBIDDEN otherwise), desk staff none.
         */
        get: operations["getStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/privacy-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What personal data is kept, why, for how long and who reads it; the consent text (its version is stored with a registration) */
        get: operations["getPrivacyPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{staffId}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a staff member's password to a one-time password (shown once)
         * @description Their library admin, or the network admin. Every session of the account ends; with the one-time password its owner can only choose a new password (PASSWORD_CHANGE_REQUIRED).
         */
        post: operations["postStaffByStaffIdPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/terminals/{terminalId}/disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a self-check terminal out of service, or back (its SIP2 login is refused) */
        post: operations["postTerminalsByTerminalIdDisabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/terminals/{terminalId}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a self-check terminal's SIP2 password (from its next login) */
        post: operations["postTerminalsByTerminalIdPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change my phone number or e-mail address */
        patch: operations["patchMeContact"];
        trace?: never;
    };
    "/api/v1/members/{memberId}/contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a member's phone number or e-mail address at the desk
         * @description Staff of a library that holds the member (home library or checked in at).
         */
        patch: operations["patchMembersByMemberIdContact"];
        trace?: never;
    };
    "/api/v1/me/notice-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How I hear from the libraries: channels (e-mail, SMS, KakaoTalk) and language */
        get: operations["getMeNoticePreferences"];
        /** Choose my notice channels and language (a channel needs its address) */
        put: operations["putMeNoticePreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What I was told, when, how, and whether it was delivered (newest first) */
        get: operations["getMeNotices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/notice-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's notice channels and language (a desk of a library holding the member) */
        get: operations["getMembersByMemberIdNoticePreferences"];
        /** Set a member's notice channels and language at the desk */
        put: operations["putMembersByMemberIdNoticePreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's notice log (a desk of a library holding the member): no text, no address */
        get: operations["getMembersByMemberIdNotices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notice-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The network's notice settings and, for a library (a library admin's own by default), its own */
        get: operations["getNoticeSettings"];
        /** Edit the network's notice settings (network admin) */
        put: operations["putNoticeSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/libraries/{libraryId}/notice-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A library's own due-soon days and due-day notice (its admin); null keeps the network's */
        put: operations["putLibrariesByLibraryIdNoticeSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notice-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every notice in Korean and English, with sample facts and the library’s name, phone and hours */
        get: operations["getNoticeTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notice-counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notices per day and channel: sent, failed for good, waiting, skipped (a library admin: their library) */
        get: operations["getNoticeCounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My inter-library requests with their state (open ones, and those ended in the last 90 days) */
        get: operations["getMeRequests"];
        put?: never;
        /**
         * Request a title held at another library, to collect at a pickup library
         * @description The lending library is chosen (same region first, then the fewest requests to send) and its copy reserved. Refusals list every reason that applies: the member refusals of a checkout at the pickup library (CHECK_IN_REQUIRED, MEMBER_SUSPENDED, MEMBER_HAS_OVERDUE …), REQUEST_HELD_HERE, REQUEST_NOT_AVAILABLE, REQUEST_LIMIT (limit), REQUEST_BANNED (until), HOLD_DUPLICATE.
         */
        post: operations["postMeRequests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/requests/{requestId}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel my request before collecting it (a copy already sent travels home) */
        post: operations["postMeRequestsByRequestIdCancellation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The member's requests not yet collected, for a desk holding the member: those to collect at its library in full (arrived first), those elsewhere counted by library */
        get: operations["getMembersByMemberIdRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{requestId}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The pickup library's desk cancels a request at its member's word, before collection (a copy already sent travels home)
         * @description NOT_FOUND for a request to collect at another library; REQUEST_NOT_EXPECTED once collected or ended.
         */
        post: operations["postRequestsByRequestIdCancellation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/lists/{list}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A desk's request list at its library
         * @description pull: copies to send (lending library); incoming: on their way here; ready: arrived, waiting for their member; outgoing-home: to send back to their library (pickup library); incoming-home: on their way home (lending library); away: its own copies at other libraries, on their way there, waiting for their member or lent there (lending library).
         */
        get: operations["getRequestsListsByList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The lending library sends a requested copy (scan out)
         * @description By the copy's barcode. REQUEST_NOT_EXPECTED when the copy's request is in another state (params state, and scannedAt: lender or pickup, so a copy home again or sent here is told which list receives it); ITEM_UNKNOWN when no request of this library has it: with title and request none when it is this library's copy (for the shelf), or request otherCopy and requestedCopy when a request lends another copy of its title, with title, owner, sendTo, sendToLibraryId and request none when it is another library's copy not on loan (to send home).
         */
        post: operations["postRequestsSent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The pickup library receives a requested copy (scan in; the member is told)
         * @description By the copy's barcode. REQUEST_NOT_EXPECTED when the copy's request is in another state (params state, and scannedAt: lender or pickup, so a copy home again or sent here is told which list receives it); ITEM_UNKNOWN when no request of this library has it: with title and request none when it is this library's copy (for the shelf), or request otherCopy and requestedCopy when a request lends another copy of its title, with title, owner, sendTo, sendToLibraryId and request none when it is another library's copy not on loan (to send home).
         */
        post: operations["postRequestsReceived"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/received-home": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The lending library receives its copy back (on the shelf again)
         * @description By the copy's barcode. REQUEST_NOT_EXPECTED when the copy's request is in another state (params state, and scannedAt: lender or pickup, so a copy home again or sent here is told which list receives it); ITEM_UNKNOWN when no request of this library has it: with title and request none when it is this library's copy (for the shelf), or request otherCopy and requestedCopy when a request lends another copy of its title, with title, owner, sendTo, sendToLibraryId and request none when it is another library's copy not on loan (to send home).
         */
        post: operations["postRequestsReceivedHome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem document */
        Problem: {
            type: string;
            title: string;
            status: number;
            code: "VALIDATION_FAILED" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "RATE_LIMITED" | "SERVICE_UNAVAILABLE" | "INTERNAL_ERROR" | "CARD_NUMBER_INVALID" | "CARD_UNKNOWN" | "CARD_LOST" | "CARD_REPLACED" | "CARD_BLOCKED" | "MEMBER_PENDING" | "MEMBER_WITHDRAWN" | "DUPLICATE_MEMBER" | "GUARDIAN_CONSENT_REQUIRED" | "LIBRARY_NOT_PARTICIPATING" | "CHECK_IN_REQUIRED" | "MEMBER_SUSPENDED" | "MEMBER_HAS_OVERDUE" | "LIBRARY_LOAN_LIMIT" | "NETWORK_LOAN_LIMIT" | "LOAN_LIMIT_ABOVE_NETWORK" | "ITEM_UNKNOWN" | "ITEM_NOT_LOANABLE" | "ITEM_ON_LOAN" | "ITEM_NOT_ON_LOAN" | "RETURN_AT_LENDING_LIBRARY_ONLY" | "RENEWAL_LIMIT" | "RENEWAL_OVERDUE" | "RENEWAL_NOT_ONLINE" | "IDEMPOTENCY_KEY_REUSED" | "INVALID_CREDENTIALS" | "SIGN_IN_LOCKED" | "PIN_REQUIRED" | "CONSENT_REQUIRED" | "OPEN_LOANS" | "CONFLICT" | "PASSWORD_CHANGE_REQUIRED" | "NOT_READY" | "ADDRESS_NOT_ALLOWED" | "CLOSED_DAY_IN_PAST" | "HOLD_NOT_NEEDED" | "HOLD_DUPLICATE" | "HOLD_LIMIT" | "HOLD_QUEUE_FULL" | "HOLD_BANNED" | "ITEM_ON_HOLD" | "RENEWAL_HELD" | "REQUEST_HELD_HERE" | "REQUEST_NOT_AVAILABLE" | "REQUEST_LIMIT" | "REQUEST_BANNED" | "REQUEST_NOT_EXPECTED";
            detail: string;
            instance?: string;
            requestId?: string;
            reasons?: ({
                code: string;
                detail: string;
                /** @description the same sentence in each language of the service, for a reader who switches language while it is shown */
                sentences?: {
                    ko: string;
                    en: string;
                };
                params?: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        LoanRules: {
            /** @description open loans per member at this library */
            loanLimit: number;
            /** @description due = loan day + this many days */
            loanPeriodDays: number;
            maxRenewals: number;
            /** @description a renewal adds this many days to the due date */
            renewalDays: number;
            onlineRenewal: boolean;
            closedWeekdays: number[];
        };
        Library: {
            id: number;
            code: string;
            nameKo: string;
            nameEn: string;
            status: "participating" | "planned";
            plannedStart: string | null;
            participatingSince: string | null;
            region: {
                code: string;
                nameKo: string;
                nameEn: string;
            };
            province: {
                code: string;
                nameKo: string;
                nameEn: string;
            } | null;
            addressKo: string | null;
            addressEn: string | null;
            phone: string | null;
            openingHours: {
                ko: string | null;
                en: string | null;
            };
            /** @description what public sources say of closed days, in Korean and English; null when unknown */
            closedDaysNote: {
                ko: string | null;
                en: string | null;
            };
            loanRules: components["schemas"]["LoanRules"];
        };
        NetworkRules: {
            networkLoanLimit: number;
            suspensionMode: "longest" | "cumulative";
            maxSuspensionDays: number | null;
            machinesRequirePin?: boolean;
        };
        CheckInGroup: {
            id: number;
            nameKo: string;
            nameEn: string;
            libraries: {
                id: number;
                nameKo: string;
                nameEn: string;
            }[];
        };
        /** @description What the library tells its readers in Korean and English; blank text is stored as unknown (null) */
        LibraryFacts: {
            addressKo: string | null;
            addressEn: string | null;
            phone: string | null;
            openingHoursKo: string | null;
            openingHoursEn: string | null;
            closedDaysNoteKo: string | null;
            closedDaysNoteEn: string | null;
        };
        Staff: {
            id: number;
            username: string;
            displayName: string;
            role: "desk" | "library_admin" | "network_admin";
            libraryId: number;
            disabled: boolean;
            /** @description signed in with a one-time password: every other request is PASSWORD_CHANGE_REQUIRED until POST /api/v1/staff/me/password */
            mustChangePassword: boolean;
        };
        Card: {
            number: string;
            status: "valid" | "lost" | "replaced";
            /** Format: date-time */
            issuedAt: string;
            issuedAtLibraryId: number;
            lostAt: string | null;
            replacedAt: string | null;
            blocked: boolean;
        };
        Member: {
            /** @enum {string} */
            visibility: "full";
            id: number;
            name: string | null;
            birthDate: string | null;
            phone: string | null;
            email: string | null;
            status: "pending" | "active" | "withdrawn";
            homeLibrary: {
                id: number;
                nameKo: string;
                nameEn: string;
            };
            checkedInHere: boolean;
            guardian: {
                name: string;
                relationship: string;
                consentAt: string | null;
            } | null;
            card: components["schemas"]["Card"] | null;
            consent: {
                givenOn: string | null;
                expiresOn: string | null;
                renewalDue: boolean;
                version: string | null;
                lapsed: boolean;
            };
            verification: {
                /** Format: date-time */
                at: string;
                libraryId: number | null;
                idDocumentType: string | null;
            } | null;
            /** Format: date-time */
            registeredAt: string;
            loanHistoryEnabled: boolean;
        } | {
            /** @enum {string} */
            visibility: "limited";
            id: number;
            name: string | null;
            maskedPhone: string | null;
            maskedEmail: string | null;
            status: "pending" | "active" | "withdrawn";
            /** @description a suspension running across the network: until when (not why), so that no check-in is made only to be refused */
            suspendedUntil: string | null;
            homeLibrary: {
                id: number;
                nameKo: string;
                nameEn: string;
            };
            /** @enum {boolean} */
            checkedInHere: false;
        };
        CirculationStatus: {
            /** @description the service's business day (Korean time) the status is for: what due dates count down from (D-3, D-day) */
            today: string;
            /** @description titles only for loans at the viewing library (staff) or for the member */
            openLoans: {
                library: {
                    id: number;
                    nameKo: string;
                    nameEn: string;
                    phone: string | null;
                };
                /** @description an inter-library loan: the library it was lent at, where it is returned and renewed (besides the lending library) */
                pickupLibrary?: {
                    id: number;
                    nameKo: string;
                    nameEn: string;
                };
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                dueDate: string;
                overdue: boolean;
                loanId?: number;
                title?: string;
                itemBarcode?: string;
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                loanDay?: string;
                renewals?: number;
                /** @description whether the viewer may renew it now (online, or at this desk) */
                renewable?: boolean;
                /** @description every reason it may not be renewed now */
                renewalRefusals?: {
                    code: string;
                    /** @description the sentence in the reader's language */
                    detail: string;
                    /** @description the same sentence in each language of the service, for a reader who switches language while it is shown */
                    sentences?: {
                        ko: string;
                        en: string;
                    };
                    params?: {
                        [key: string]: unknown;
                    };
                }[];
            }[];
            overdueCount: number;
            suspension: {
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                until: string;
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                resumesOn: string;
                cause: {
                    library: {
                        id: number | null;
                        nameKo: string;
                        nameEn: string;
                    };
                    daysLate: number;
                    returnDay: string;
                    title?: string | null;
                } | null;
            } | null;
            network: {
                open: number;
                limit: number;
                left: number;
            };
            byLibrary: {
                library: {
                    id: number;
                    nameKo: string;
                    nameEn: string;
                };
                open: number;
                limit: number;
                left: number;
                onlineRenewal: boolean;
                maxRenewals: number;
            }[];
            /** @description What the member may do, derived by the server's rules: at a desk, whether they may borrow at the desk's library and every reason not; in the portal, every reason they may borrow nowhere */
            standing: {
                mayBorrow: boolean;
                refusals: {
                    code: string;
                    /** @description the sentence in the reader's language */
                    detail: string;
                    /** @description the same sentence in each language of the service, for a reader who switches language while it is shown */
                    sentences?: {
                        ko: string;
                        en: string;
                    };
                    params?: {
                        [key: string]: unknown;
                    };
                }[];
                loansLeft: {
                    network: number;
                    here: number | null;
                };
            };
        };
        Hold: {
            id: number;
            /** @description waiting in line; ready: a copy is set aside; then collected, cancelled or expired */
            state: "waiting" | "ready" | "collected" | "cancelled" | "expired";
            recordId: number;
            title: string;
            author: string | null;
            library: {
                id: number;
                nameKo: string;
                nameEn: string;
            };
            /** Format: date-time */
            placedAt: string;
            /** @description place in line while waiting (1: the next copy back is for this hold) */
            position: number | null;
            /** @description ready: the last day to collect the copy at the library */
            pickupUntil: string | null;
            /** @description the copy set aside (ready) */
            itemBarcode: string | null;
        };
        HoldRules: {
            /** @description holds per member at one library */
            holdLimit: number;
            /** @description members in line for a title at a library, per loanable copy there */
            queuePerCopy: number;
            /** @description days on which the library is open that a copy set aside waits */
            pickupDays: number;
            noShowLimit: number;
            /** @description noShowLimit no-shows within this many days ban new holds */
            noShowWindowDays: number;
            /** @description how long the ban lasts */
            banDays: number;
        };
        /** @description the library's own values (null: the network's); each at most the network's */
        LibraryHoldRules: {
            holdLimit: number | null;
            queuePerCopy: number | null;
            pickupDays: number | null;
        };
        /** @description One copy a library holds */
        CatalogueItem: {
            id: number;
            libraryId: number;
            barcode: string;
            title: string;
            author: string | null;
            publisher: string | null;
            year: number | null;
            isbn: string | null;
            callNumber: string | null;
            /** @description false for a reference copy, read in the library only */
            loanable: boolean;
            onLoan: boolean;
            dueDate: string | null;
        };
        ItemImportReport: {
            /** @description rows written as new copies (in a dry run: rows that would be written) */
            imported: number;
            /** @description rows not written (see errors) */
            skipped: number;
            /** @description CSV: rows in the file, blank rows not counted; MARC: the copies its records give (a record without any counts as one) */
            totalRows: number;
            /** @description MARC: the records in the file */
            records?: number;
            /** @description how the file was read: csv, marc (ISO 2709) or marcxml */
            format: "csv" | "marc" | "marcxml";
            /** @description the character set the file was read in (euc-kr: CP949) */
            encoding: "utf-8" | "euc-kr";
            /** @description true: everything was checked and nothing was written */
            dryRun: boolean;
            errors: {
                /** @description CSV: the line a spreadsheet shows (the header is line 1); MARC: the record number in the file (the first is 1) */
                line: number;
                /** @description MARC only: the record's control number (001), null when it has none */
                controlNumber?: string | null;
                barcode: string | null;
                /** @description a column (barcode, title, author, publisher, year, isbn, call_number, loanable, kdc, subjects), row, or (MARC) record */
                field: string;
                /** @description the field's name in the reader's language (바코드) */
                column: string;
                /** @description stable: VALUE_EMPTY, VALUE_TOO_LONG, BARCODE_CHARACTERS, YEAR_OUT_OF_RANGE, ISBN_*, LOANABLE_UNKNOWN, ROW_TOO_WIDE, BARCODE_REPEATED, BARCODE_EXISTS; MARC: MARC_NO_BARCODE, MARC_RECORD_UNREADABLE, MARC_RECORD_ENCODING, BARCODE_REPEATED_RECORD */
                code: string;
                params: {
                    [key: string]: string | number;
                };
                /** @description the sentence in the reader's language */
                message: string;
            }[];
        };
        /** @description A title and the libraries that hold it */
        CatalogueTitle: {
            /** @description the title's record id (GET /api/v1/catalogue/titles/{id}) */
            id: number;
            title: string;
            author: string | null;
            publisher: string | null;
            year: number | null;
            isbn: string | null;
            /** @description KDC class, e.g. 813.7 */
            kdc: string | null;
            /** @description participating libraries holding the title, whatever the filters */
            libraryCount: number;
            /** @description copies in the holdings listed */
            copies: number;
            /** @description loanable copies not on loan now, in the holdings listed */
            available: number;
            /** @description the libraries holding it (those the filters keep), at most 8: the viewer's own (a member's checked-in and home libraries, a staff member's library) and then the first by library id; listed with the member's libraries first, then most on the shelf, then by library. libraryCount says how many hold it; the title page lists them all */
            holdings: {
                library: {
                    id: number;
                    code: string;
                    nameKo: string;
                    nameEn: string;
                    region: {
                        code: string;
                        nameKo: string;
                        nameEn: string;
                    };
                };
                /** @description copies there */
                copies: number;
                /** @description loanable copies there not on loan now */
                available: number;
                /** @description signed-in member: whether they may borrow there now (checked in, or their home library); null for anyone else */
                checkedIn: boolean | null;
                /** @description staff only: the call numbers of the library's copies */
                callNumbers?: string[];
            }[];
        };
        /** @description One title with every library that holds it */
        CatalogueTitlePage: {
            title: {
                /** @description the title's record id (GET /api/v1/catalogue/titles/{id}) */
                id: number;
                title: string;
                author: string | null;
                publisher: string | null;
                year: number | null;
                isbn: string | null;
                /** @description KDC class, e.g. 813.7 */
                kdc: string | null;
                /** @description participating libraries holding the title, whatever the filters */
                libraryCount: number;
                /** @description copies in the holdings listed */
                copies: number;
                /** @description loanable copies not on loan now, in the holdings listed */
                available: number;
                /** @description the libraries holding it (those the filters keep), at most 8: the viewer's own (a member's checked-in and home libraries, a staff member's library) and then the first by library id; listed with the member's libraries first, then most on the shelf, then by library. libraryCount says how many hold it; the title page lists them all */
                holdings: {
                    library: {
                        id: number;
                        code: string;
                        nameKo: string;
                        nameEn: string;
                        region: {
                            code: string;
                            nameKo: string;
                            nameEn: string;
                        };
                    };
                    /** @description copies there */
                    copies: number;
                    /** @description loanable copies there not on loan now */
                    available: number;
                    /** @description signed-in member: whether they may borrow there now (checked in, or their home library); null for anyone else */
                    checkedIn: boolean | null;
                    /** @description staff only: the call numbers of the library's copies */
                    callNumbers?: string[];
                }[];
                /** @description subject headings */
                subjects: string[];
            };
            /** @description every participating library holding it, with its facts, in the same order */
            holdings: {
                library: {
                    id: number;
                    code: string;
                    nameKo: string;
                    nameEn: string;
                    region: {
                        code: string;
                        nameKo: string;
                        nameEn: string;
                    };
                    /** @description the phone number to call */
                    phone: string | null;
                    /** @description address in Korean */
                    addressKo: string | null;
                    /** @description address in English */
                    addressEn: string | null;
                    /** @description opening hours in Korean */
                    openingHoursKo: string | null;
                    /** @description opening hours in English */
                    openingHoursEn: string | null;
                    /** @description closed days in Korean */
                    closedDaysNoteKo: string | null;
                    /** @description closed days in English */
                    closedDaysNoteEn: string | null;
                };
                /** @description copies there */
                copies: number;
                /** @description loanable copies there not on loan now */
                available: number;
                /** @description signed-in member: whether they may borrow there now (checked in, or their home library); null for anyone else */
                checkedIn: boolean | null;
                /** @description staff only: the call numbers of the library's copies */
                callNumbers?: string[];
            }[];
        };
        Terminal: {
            id: number;
            libraryId: number;
            username: string;
            /** @description the machine's character encoding: UTF-8, or EUC-KR for older Korean machines */
            encoding: "utf-8" | "euc-kr";
            /** @description the language of screen messages */
            language: "ko" | "en";
            disabled: boolean;
            /** @description IPv4/IPv6 addresses or CIDR ranges the machine may log in (SIP2 93) from, canonical (10.20.0.0/16, 2001:db8::/32); empty: any address */
            allowedAddresses: string[];
            /** Format: date-time */
            createdAt: string;
        };
        Statistics: {
            /**
             * Format: date
             * @example 2026-12-01
             */
            from: string;
            /**
             * Format: date
             * @example 2026-12-01
             */
            to: string;
            scope: {
                /** @enum {string} */
                kind: "network";
            } | {
                /** @enum {string} */
                kind: "library";
                library: {
                    id: number;
                    nameKo: string;
                    nameEn: string;
                };
            };
            totals: {
                loans: number;
                /** @description loans to members whose home library is not the lending library */
                toOtherLibraryMembers: number;
                toHomeMembers: number;
                /** @description loans no longer linked to a member (history off or deleted, withdrawal) */
                unknownHome: number;
                /** @description toOtherLibraryMembers / (loans − unknownHome); null without such loans */
                shareToOtherLibraryMembers: number | null;
                /** @description late returns: each starts (or extends) a suspension of the member */
                suspensionsStarted: number;
            };
            /** @description every day of the period, oldest first, zeros included */
            loansPerDay: {
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                date: string;
                loans: number;
            }[];
            /** @description every library in scope (participating ones without loans too), most loans first */
            loansPerLibrary: {
                library: {
                    id: number;
                    nameKo: string;
                    nameEn: string;
                };
                loans: number;
                toOtherLibraryMembers: number;
            }[];
            /** @description late returns per return day, every day of the period */
            suspensionsPerDay: {
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                date: string;
                started: number;
            }[];
            /** @description the days added up by calendar month, oldest first; from and to are the days of the month inside the period (the first and last month may be cut by it) */
            loansPerMonth: {
                /** @description YYYY-MM */
                month: string;
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                from: string;
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                to: string;
                loans: number;
                suspensionsStarted: number;
                membersJoined: number;
                membersWithdrawn: number;
            }[];
            /** @description members whose home library is the library in scope (every library's for the network): counts only */
            members: {
                /** @description members verified (their membership began) within the period */
                joined: number;
                /** @description members who withdrew within the period */
                withdrawn: number;
            };
            /** @description the members counts per Korean calendar day, every day of the period */
            membersPerDay: {
                /**
                 * Format: date
                 * @example 2026-12-01
                 */
                date: string;
                joined: number;
                withdrawn: number;
            }[];
            /** @description inter-library requests, by Korean calendar day (every library's for the network) */
            requests: {
                /** @description requests placed for pickup at the library in scope within the period */
                placed: number;
                /** @description requested copies collected by members there (a loan began) */
                collected: number;
                /** @description copies the library in scope sent to other libraries' members */
                sent: number;
                /** @description requests for pickup there that ended without a loan within the period: cancelled, no copy to send, not sent or not collected in time */
                notFilled: number;
            };
            /** @description holds, by Korean calendar day (every library's for the network); ended holds are kept 180 days, so an older period counts fewer */
            holds: {
                /** @description holds placed for collection at the library in scope within the period */
                placed: number;
                /** @description holds collected there (a loan began) */
                collected: number;
                /** @description copies set aside there and not collected in their pickup window */
                notCollected: number;
                /** @description holds cancelled by their member or a desk */
                cancelled: number;
            };
        };
        NoticePreferences: {
            channels: {
                email: boolean;
                sms: boolean;
                kakao: boolean;
            };
            language: "ko" | "en";
            /** @description false: the member chose nothing and the defaults apply */
            chosen: boolean;
            reachable: {
                email: boolean;
                phone: boolean;
            };
        };
        NoticeLog: {
            notices: {
                id: number;
                kind: "due_soon" | "due_today" | "overdue" | "suspension_started" | "suspension_ended" | "card_issued" | "card_lost" | "consent_renewal" | "hold_ready" | "request_arrived" | "request_cancelled";
                channel: "email" | "sms" | "kakao";
                /** @description pending: waiting (quiet hours) or being retried; dead: failed for good */
                state: "pending" | "sent" | "dead" | "skipped";
                subjectDate: string | null;
                library: {
                    id: number;
                    nameKo: string;
                    nameEn: string;
                } | null;
                /** Format: date-time */
                createdAt: string;
                sentAt: string | null;
                attempts: number;
                reason: string | null;
            }[];
        };
        InterLibraryRequest: {
            id: number;
            /** @description the title's record id (GET /api/v1/catalogue/titles/{id}) */
            recordId: number;
            title: string;
            author: string | null;
            /** @description what the member reads: where the request is, or how it ended */
            status: "requested" | "sent" | "arrived" | "collected" | "returned" | "cancelled" | "no_show" | "unfilled";
            /** @description where the copy is: 'returning' travels home, 'closed' is on its shelf */
            state: "requested" | "sent" | "arrived" | "collected" | "returning" | "closed";
            outcome: "completed" | "cancelled" | "expired" | "no_show" | "unfilled" | null;
            pickupLibrary: {
                id: number;
                nameKo: string;
                nameEn: string;
            };
            lendingLibrary: {
                id: number;
                nameKo: string;
                nameEn: string;
            } | null;
            itemBarcode: string | null;
            callNumber: string | null;
            /**
             * Format: date
             * @example 2026-12-01
             */
            requestDay: string;
            sendBy: string | null;
            pickupBy: string | null;
            dueDate: string | null;
            /** @description the ready list only: the member the copy waits for, masked (홍*동) */
            heldFor?: string;
            /** @description the ready list only: the last four digits of the member's card, as the hold shelf shows them */
            cardNumberTail?: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                        readReplica?: {
                            /** @description the public reads go to the replica now */
                            inUse: boolean;
                            /** @description why not, when not in use */
                            reason: "ok" | "not_checked" | "lagging" | "unreachable";
                            /** @description replay lag at the last health check */
                            lagSeconds: number | null;
                            checkedAt: string | null;
                        };
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRegions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        regions: {
                            code: string;
                            kind: "province" | "city" | "county";
                            nameKo: string;
                            nameEn: string;
                            parentCode: string | null;
                            libraryCount: number;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibraries: {
        parameters: {
            query?: {
                /** @description region code; a province includes its cities and counties */
                region?: string;
                status?: "participating" | "planned";
                /** @description part of a Korean or English name of the library or its region */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        libraries: components["schemas"]["Library"][];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibrariesByLibraryId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        library: components["schemas"]["Library"];
                        /** @description closed dates from today on */
                        holidays: {
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            date: string;
                            nameKo: string;
                            nameEn: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchLibrariesByLibraryId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    status?: "participating" | "planned";
                    nameKo?: string;
                    nameEn?: string;
                    plannedStart?: string | null;
                    phone?: string | null;
                    addressKo?: string | null;
                    openingHoursKo?: string | null;
                    openingHoursEn?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Library"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNetworkRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NetworkRules"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putNetworkRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkRules"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NetworkRules"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putLibrariesByLibraryIdFacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LibraryFacts"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Library"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putLibrariesByLibraryIdLoanRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoanRules"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description open loans per member at this library */
                        loanLimit: number;
                        /** @description due = loan day + this many days */
                        loanPeriodDays: number;
                        maxRenewals: number;
                        /** @description a renewal adds this many days to the due date */
                        renewalDays: number;
                        onlineRenewal: boolean;
                        closedWeekdays: number[];
                        /** @description open loans due on a weekday newly closed, moved to the next open day */
                        loansMoved: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibrariesByLibraryIdCalendar: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closedWeekdays: number[];
                        closedDays: {
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            date: string;
                            nameKo: string;
                            nameEn: string;
                        }[];
                        publicHolidays: {
                            date: string;
                            nameKo: string;
                            nameEn: string;
                            libraryOpen: boolean;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibrariesByLibraryIdClosedDayImpact: {
        parameters: {
            query: {
                date: string;
            };
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        /** @description open loans due that day (to be moved) */
                        loansDue: number;
                        /** @description the library's next open day after it; null for the network or a library never open */
                        movesTo: string | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postLibrariesByLibraryIdHolidays: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date */
                    date: string;
                    nameKo: string;
                    /** @description optional; empty when none */
                    nameEn?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        nameKo: string;
                        nameEn: string;
                        /** @description open loans due that day, moved to the next open day */
                        loansMoved: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteLibrariesByLibraryIdHolidaysByDate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putLibrariesByLibraryIdHolidayExceptionsByDate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
                date: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    open: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        libraryOpen: boolean;
                        loansMoved: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNetworkHolidays: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        holidays: {
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            date: string;
                            nameKo: string;
                            nameEn: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postNetworkHolidays: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date */
                    date: string;
                    nameKo: string;
                    /** @description optional; empty when none */
                    nameEn?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        nameKo: string;
                        nameEn: string;
                        /** @description open loans due that day, moved to the next open day */
                        loansMoved: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNetworkHolidaysImpact: {
        parameters: {
            query: {
                date: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        /** @description open loans due that day (to be moved) */
                        loansDue: number;
                        /** @description the library's next open day after it; null for the network or a library never open */
                        movesTo: string | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNetworkHolidaysBundled: {
        parameters: {
            query: {
                year: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        holidays: {
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            date: string;
                            nameKo: string;
                            nameEn: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postNetworkHolidaysImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    holidays: {
                        /** Format: date */
                        date: string;
                        nameKo: string;
                        /** @description optional; empty when none */
                        nameEn?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        saved: number;
                        skippedPast: number;
                        loansMoved: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteNetworkHolidaysByDate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCheckInGroups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        groups: components["schemas"]["CheckInGroup"][];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCheckInGroups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    nameKo: string;
                    nameEn: string;
                    libraryIds: number[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckInGroup"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCheckInGroupsByGroupId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    nameKo: string;
                    nameEn: string;
                    libraryIds: number[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckInGroup"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuditEvents: {
        parameters: {
            query?: {
                libraryId?: number;
                /** @description the actions of one area of the audit page; memberLooks: staff looks at a member's record or standing */
                area?: "memberLooks" | "members" | "cards" | "circulation" | "holdsAndRequests" | "holdings" | "rulesAndCalendars" | "accounts";
                /**
                 * @description first Korean calendar day, included
                 * @example 2026-12-01
                 */
                from?: string;
                /**
                 * @description last Korean calendar day, included
                 * @example 2026-12-01
                 */
                to?: string;
                /** @description what one staff member did */
                staffId?: number;
                /** @description one member's events, by the pseudonym an event shows (`memberPseudonym`): who else looked at them, never who they are */
                pseudonym?: string;
                /** @description the previous page's `nextBefore` */
                before?: number;
                subjectKind?: string;
                subjectId?: string;
                memberId?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            id: number;
                            /** Format: date-time */
                            at: string;
                            actorKind: "staff" | "member" | "terminal" | "system";
                            actorId: number | null;
                            /** @description a staff member's name or a machine's account; null for a member or the system */
                            actorName: string | null;
                            libraryId: number | null;
                            /** @description one of `AUDIT_AREAS` (src/platform/audit-actions.ts); an older release may have written others */
                            action: string;
                            subjectKind: string;
                            subjectId: string | null;
                            /** @description a staff member's name, a machine's account, the barcode of the copy (a loan's copy), or the title of a hold or request */
                            subjectName: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                            /** @description what the details' `itemId` and `recordId` name: the copy's barcode, the title (null when the details name none, or it is gone) */
                            detailNames: {
                                itemBarcode: string | null;
                                recordTitle: string | null;
                            };
                            memberPseudonym: string | null;
                        }[];
                        /** @description the `before` of the next (older) page; null on the last */
                        nextBefore: number | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postStaffSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        staff: components["schemas"]["Staff"];
                        csrfToken: string;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postSignOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        signedIn: boolean;
                        /** @description who the session belongs to; null when signed out */
                        kind: "member" | "staff" | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStaffMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Staff"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postStaffMePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibrariesByLibraryIdStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        staff: components["schemas"]["Staff"][];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postLibrariesByLibraryIdStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    displayName: string;
                    role: "desk" | "library_admin" | "network_admin";
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Staff"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postStaffByStaffIdDisabled: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staffId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    disabled: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Staff"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersPreRegistrations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    birthDate: string;
                    /** @example 010-1234-5678 */
                    phone?: string;
                    /** Format: email */
                    email?: string;
                    guardian?: {
                        name: string;
                        /**
                         * @example 모
                         * @example 부
                         * @example mother
                         */
                        relationship: string;
                        consent: boolean;
                    };
                    /** @description The box "개인정보 수집·이용 동의 (필수)" (GET /api/v1/privacy-policy `consent`); anything but true is refused with CONSENT_REQUIRED */
                    consent?: boolean;
                    homeLibraryId: number;
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        /** @enum {string} */
                        status: "pending";
                        homeLibraryId: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    login: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        memberId: number;
                        csrfToken: string;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeDataHolders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        libraries: {
                            id: number;
                            nameKo: string;
                            nameEn: string;
                            phone: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMePin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description 4 to 6 digits, for self-check machines; a new one is refused when it is one digit repeated, a run (1234), the end of the phone number or the birth date */
                    newPin: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeCardLost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consentGivenOn: string;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeWithdrawal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembers: {
        parameters: {
            query?: {
                phone?: string;
                name?: string;
                birthDate?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: components["schemas"]["Member"][];
                        /** @description when no member here matches: the home libraries where someone matching applied online (verified there only); names only */
                        appliedAt: {
                            id: number;
                            nameKo: string;
                            nameEn: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    birthDate: string;
                    /** @example 010-1234-5678 */
                    phone?: string;
                    /** Format: email */
                    email?: string;
                    guardian?: {
                        name: string;
                        /**
                         * @example 모
                         * @example 부
                         * @example mother
                         */
                        relationship: string;
                        consent: boolean;
                    };
                    /** @description The box "개인정보 수집·이용 동의 (필수)" (GET /api/v1/privacy-policy `consent`); anything but true is refused with CONSENT_REQUIRED */
                    consent?: boolean;
                    /** @description the type of ID document checked; its number is never recorded */
                    idDocumentType: "resident_registration_card" | "driver_license" | "passport" | "alien_registration_card" | "disability_card" | "student_id" | "guardian_id";
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    password?: string;
                    /** @description 4 to 6 digits, for self-check machines; a new one is refused when it is one digit repeated, a run (1234), the end of the phone number or the birth date */
                    pin?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        status: "pending" | "active" | "withdrawn";
                        card: components["schemas"]["Card"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembersByMemberId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCardsByCardNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cardNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        card: components["schemas"]["Card"];
                        member: components["schemas"]["Member"];
                        status?: components["schemas"]["CirculationStatus"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdVerification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the type of ID document checked; its number is never recorded */
                    idDocumentType: "resident_registration_card" | "driver_license" | "passport" | "alien_registration_card" | "disability_card" | "student_id" | "guardian_id";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        status: "pending" | "active" | "withdrawn";
                        card: components["schemas"]["Card"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdCheckIns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the type of ID document checked; its number is never recorded */
                    idDocumentType: "resident_registration_card" | "driver_license" | "passport" | "alien_registration_card" | "disability_card" | "student_id" | "guardian_id";
                    /** @description the member's card, scanned or typed at this desk */
                    cardNumber: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        memberId: number;
                        libraryId: number;
                        alreadyCheckedIn: boolean;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdCardLost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembersByMemberIdCards: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cards: components["schemas"]["Card"][];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdCards: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the type of ID document checked; its number is never recorded */
                    idDocumentType: "resident_registration_card" | "driver_license" | "passport" | "alien_registration_card" | "disability_card" | "student_id" | "guardian_id";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Card"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the type of ID document checked; its number is never recorded */
                    idDocumentType: "resident_registration_card" | "driver_license" | "passport" | "alien_registration_card" | "disability_card" | "student_id" | "guardian_id";
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    password?: string;
                    /** @description 4 to 6 digits, for self-check machines; a new one is refused when it is one digit repeated, a run (1234), the end of the phone number or the birth date */
                    pin?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdWithdrawal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consentGivenOn: string;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCheckouts: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cardNumber: string;
                    itemBarcode: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        loan: {
                            id: number;
                            itemBarcode: string;
                            title: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            loanDay: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            dueDate: string;
                            library: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                            /** @description whose copy it is, when another library's copy is lent here through an inter-library request: it is returned here or there */
                            lendingLibrary?: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                        };
                        memberId: number;
                        loansLeft: {
                            network: number;
                            here: number;
                        };
                        status: components["schemas"]["CirculationStatus"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postReturns: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    itemBarcode: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        loan: {
                            id: number;
                            itemBarcode: string;
                            title: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            dueDate: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            returnDay: string;
                            daysLate: number;
                        };
                        library: {
                            id: number;
                            nameKo: string;
                            nameEn: string;
                        };
                        suspension: {
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            until: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            resumesOn: string;
                        } | null;
                        /** @description a requested copy returned at its pickup library: send it to its library (null: it stays here) */
                        transit: {
                            to: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                        } | null;
                        /** @description the copy is set aside for the first member waiting for its title here (예약 도서 — 보관): put it on the hold shelf */
                        heldFor: {
                            /** @description the member in line, masked (홍*동) */
                            maskedName: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            pickupUntil: string;
                        } | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postRenewals: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    itemBarcode: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        loan: {
                            id: number;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            dueDate: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            previousDueDate: string;
                            renewals: number;
                            renewalsLeft: number;
                        };
                        library: {
                            id: number;
                            nameKo: string;
                            nameEn: string;
                        };
                        status?: components["schemas"]["CirculationStatus"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeLoansByLoanIdRenewal: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path: {
                loanId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        loan: {
                            id: number;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            dueDate: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            previousDueDate: string;
                            renewals: number;
                            renewalsLeft: number;
                        };
                        library: {
                            id: number;
                            nameKo: string;
                            nameEn: string;
                        };
                        status?: components["schemas"]["CirculationStatus"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeLoans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CirculationStatus"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembersByMemberIdLoans: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CirculationStatus"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeLoanHistory: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                        loans: {
                            loanId: number;
                            title: string;
                            author: string | null;
                            library: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                            /** @description a copy requested from another library (`library`): the library where the member collected it */
                            pickupLibrary?: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            loanDay: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            dueDate: string;
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            returnDay: string;
                            daysLate: number;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMeLoanHistory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMeLoanHistory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deleted: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHoldRules: {
        parameters: {
            query?: {
                libraryId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        network: components["schemas"]["HoldRules"];
                        library: components["schemas"]["LibraryHoldRules"] | null;
                        effective: components["schemas"]["HoldRules"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putNetworkHoldRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldRules"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HoldRules"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putLibrariesByLibraryIdHoldRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LibraryHoldRules"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        network: components["schemas"]["HoldRules"];
                        library: components["schemas"]["LibraryHoldRules"] | null;
                        effective: components["schemas"]["HoldRules"];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeHolds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        holds: components["schemas"]["Hold"][];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeHolds: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    libraryId: number;
                    recordId: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeHoldsByHoldIdCancellation: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path: {
                holdId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postHolds: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cardNumber: string;
                    recordId: number;
                } | {
                    cardNumber: string;
                    itemBarcode: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postHoldsByHoldIdCancellation: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path: {
                holdId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembersByMemberIdHolds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        holds: components["schemas"]["Hold"][];
                        elsewhere: {
                            library: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                            /** @description holds waiting in line there */
                            waiting: number;
                            /** @description copies set aside for the member there */
                            ready: number;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHoldShelf: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        holds: {
                            id: number;
                            state: string;
                            recordId: number;
                            title: string;
                            author: string | null;
                            library: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                            /** Format: date-time */
                            placedAt: string;
                            position: number | null;
                            pickupUntil: string | null;
                            itemBarcode: string | null;
                            /** @description the member, masked (홍*동) */
                            maskedName: string;
                            /** @description the last four digits of the member's card */
                            cardNumberTail: string | null;
                            /** @description the window ends today or on the next open day */
                            expiringSoon: boolean;
                        }[];
                        /** @description copies still on the hold shelf whose hold ended with nobody next in line: they belong on the open shelf, oldest first */
                        putBack: {
                            itemId: number;
                            itemBarcode: string;
                            title: string;
                            callNumber: string | null;
                            /** @description why the copy left the hold shelf: its hold cancelled, its pickup window over, or its member withdrew */
                            reason: "cancelled" | "expired" | "withdrawn";
                            /** Format: date-time */
                            releasedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postHoldShelfPutBackByItemId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCatalogue: {
        parameters: {
            query?: {
                /**
                 * @description title words, an author, or an ISBN; at least 2 characters
                 * @example 바다
                 */
                q?: string;
                /**
                 * @description ISBN-10 or ISBN-13, hyphens allowed
                 * @example 978-89-364-3359-8
                 */
                isbn?: string;
                /**
                 * @description a region's code
                 * @example jinju-si
                 */
                region?: string;
                /** @description a library's id */
                library?: number;
                /** @description only titles with a copy on the shelf now */
                available?: boolean;
                /** @description the nextCursor of the page before */
                cursor?: string;
                /** @description titles per page */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        titles: components["schemas"]["CatalogueTitle"][];
                        /** @description give it as cursor for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCatalogueTitlesByRecordId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                recordId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One title with every library that holds it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueTitlePage"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibrariesByLibraryIdItems: {
        parameters: {
            query?: {
                /** @description part of the title, author or barcode, or an ISBN */
                q?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CatalogueItem"][];
                        /** @description copies matching, over all pages */
                        total: number;
                        limit: number;
                        offset: number;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postLibrariesByLibraryIdItems: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description letters A-Z, digits and hyphens, at most 32; unique in the library
                     * @example EM0000123
                     */
                    barcode: string;
                    /** @description at most 500 characters */
                    title: string;
                    author?: string | null;
                    publisher?: string | null;
                    year?: number | null;
                    isbn?: string | null;
                    callNumber?: string | null;
                    /** @default true */
                    loanable?: boolean;
                };
            };
        };
        responses: {
            /** @description One copy a library holds */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueItem"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibrariesByLibraryIdItemsByBarcode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
                barcode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One copy a library holds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueItem"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postLibrariesByLibraryIdItemsImport: {
        parameters: {
            query?: {
                /** @description true: check the whole file (barcodes the library has included), write nothing */
                dryRun?: boolean;
                /** @description the file's character set: auto (UTF-8 when the bytes are UTF-8, else EUC-KR/CP949), utf-8 or euc-kr */
                encoding?: "auto" | "utf-8" | "euc-kr";
            };
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": unknown;
                "application/vnd.ms-excel": unknown;
                "application/marc": unknown;
                "application/marcxml+xml": unknown;
                "application/xml": unknown;
                "text/xml": unknown;
                "application/octet-stream": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemImportReport"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getItemsTemplateCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLibrariesByLibraryIdTerminals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        terminals: components["schemas"]["Terminal"][];
                        /** @description what a machine's settings need besides its user name and password */
                        selfCheck: {
                            /** @description this service's SIP2 port; null where it does not listen */
                            port: number | null;
                            /** @description SIP2 over TLS only (SIP2_TLS_CERT) */
                            tls: boolean;
                        };
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postLibrariesByLibraryIdTerminals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the SIP2 login user id (CN); stored in lower case, unique in the network */
                    username: string;
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    password: string;
                    /** @description the machine's character encoding: UTF-8, or EUC-KR for older Korean machines */
                    encoding?: "utf-8" | "euc-kr";
                    /** @description the language of screen messages */
                    language?: "ko" | "en";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Terminal"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putTerminalsByTerminalIdAllowedAddresses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                terminalId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allowedAddresses: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description IPv4/IPv6 addresses or CIDR ranges the machine may log in (SIP2 93) from, canonical (10.20.0.0/16, 2001:db8::/32); empty: any address */
                        allowedAddresses: string[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMembersByMemberIdCardUnblock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        memberId: number;
                        card: {
                            number: string;
                            status: "valid" | "lost";
                            /** @enum {boolean} */
                            blocked: false;
                        };
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStatistics: {
        parameters: {
            query?: {
                /** @example 2026-12-01 */
                from?: string;
                /** @example 2026-12-01 */
                to?: string;
                libraryId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPrivacyPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: string;
                        controller: {
                            ko: string;
                            en: string;
                        };
                        consent: {
                            version: string;
                            title: {
                                ko: string;
                                en: string;
                            };
                            items: {
                                ko: string;
                                en: string;
                            };
                            purpose: {
                                ko: string;
                                en: string;
                            };
                            retention: {
                                ko: string;
                                en: string;
                            };
                            refusal: {
                                ko: string;
                                en: string;
                            };
                        };
                        periods: {
                            [key: string]: number;
                        };
                        records: {
                            table: string;
                            name?: {
                                ko: string;
                                en: string;
                            };
                            columns: string[];
                            purpose: {
                                ko: string;
                                en: string;
                            };
                            retention: {
                                ko: string;
                                en: string;
                            };
                            readers: {
                                ko: string;
                                en: string;
                            };
                        }[];
                        elsewhere: {
                            what: {
                                ko: string;
                                en: string;
                            };
                            holds: {
                                ko: string;
                                en: string;
                            };
                            retention: {
                                ko: string;
                                en: string;
                            };
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postStaffByStaffIdPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staffId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        oneTimePassword: string;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTerminalsByTerminalIdDisabled: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                terminalId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    disabled: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTerminalsByTerminalIdPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                terminalId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchMeContact: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    phone?: string | null;
                    email?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        phone: string | null;
                        email: string | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchMembersByMemberIdContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    phone?: string | null;
                    email?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        phone: string | null;
                        email: string | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeNoticePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticePreferences"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMeNoticePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    channels: {
                        email: boolean;
                        sms: boolean;
                        kakao: boolean;
                    };
                    language: "ko" | "en";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticePreferences"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeNotices: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeLog"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembersByMemberIdNoticePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticePreferences"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMembersByMemberIdNoticePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    channels: {
                        email: boolean;
                        sms: boolean;
                        kakao: boolean;
                    };
                    language: "ko" | "en";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticePreferences"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembersByMemberIdNotices: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeLog"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNoticeSettings: {
        parameters: {
            query?: {
                libraryId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        network: {
                            /** @description 0: no due-soon notice */
                            dueSoonDays: number;
                            dueDay: boolean;
                            overdueRepeatDays: number;
                            consentReminder: boolean;
                        };
                        library: {
                            libraryId: number;
                            dueSoonDays: number | null;
                            dueDay: boolean | null;
                        } | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putNoticeSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 0: no due-soon notice */
                    dueSoonDays: number;
                    dueDay: boolean;
                    overdueRepeatDays: number;
                    consentReminder: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 0: no due-soon notice */
                        dueSoonDays: number;
                        dueDay: boolean;
                        overdueRepeatDays: number;
                        consentReminder: boolean;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putLibrariesByLibraryIdNoticeSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                libraryId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dueSoonDays: number | null;
                    dueDay: boolean | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        libraryId: number;
                        dueSoonDays: number | null;
                        dueDay: boolean | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNoticeTemplates: {
        parameters: {
            query?: {
                libraryId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        templates: {
                            kind: "due_soon" | "due_today" | "overdue" | "suspension_started" | "suspension_ended" | "card_issued" | "card_lost" | "consent_renewal" | "hold_ready" | "request_arrived" | "request_cancelled";
                            ko: {
                                subject: string;
                                text: string;
                                html: string;
                                short: string;
                            };
                            en: {
                                subject: string;
                                text: string;
                                html: string;
                                short: string;
                            };
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNoticeCounts: {
        parameters: {
            query?: {
                /** @example 2026-12-01 */
                from?: string;
                /** @example 2026-12-01 */
                to?: string;
                libraryId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        counts: {
                            /**
                             * Format: date
                             * @example 2026-12-01
                             */
                            day: string;
                            channel: "email" | "sms" | "kakao";
                            sent: number;
                            failed: number;
                            waiting: number;
                            skipped: number;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requests: components["schemas"]["InterLibraryRequest"][];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeRequests: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    recordId: number;
                    pickupLibraryId: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterLibraryRequest"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeRequestsByRequestIdCancellation: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path: {
                requestId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterLibraryRequest"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMembersByMemberIdRequests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requests: components["schemas"]["InterLibraryRequest"][];
                        elsewhere: {
                            library: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                            open: number;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postRequestsByRequestIdCancellation: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path: {
                requestId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterLibraryRequest"];
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRequestsListsByList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                list: "pull" | "incoming" | "ready" | "outgoing-home" | "incoming-home" | "away";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requests: components["schemas"]["InterLibraryRequest"][];
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postRequestsSent: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    itemBarcode: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        request: components["schemas"]["InterLibraryRequest"];
                        /** @description where the copy goes next (null: it stays here) */
                        transit: {
                            to: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                        } | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postRequestsReceived: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    itemBarcode: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        request: components["schemas"]["InterLibraryRequest"];
                        /** @description where the copy goes next (null: it stays here) */
                        transit: {
                            to: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                        } | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postRequestsReceivedHome: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    itemBarcode: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        request: components["schemas"]["InterLibraryRequest"];
                        /** @description where the copy goes next (null: it stays here) */
                        transit: {
                            to: {
                                id: number;
                                nameKo: string;
                                nameEn: string;
                            };
                        } | null;
                    };
                };
            };
            /** @description The request is malformed or a value is not allowed (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No session, or it ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed for this actor, or the x-csrf-token header is missing (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RFC 9457 problem document */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
