#!/usr/bin/env bash
# The README's five-minute tour (steps 1-7 and the coupon / membership / weekly / appointment / course parts),
# sent with curl against a running engine on $BASE (default localhost:8080) with the development keys.
# Prints nothing but the total wall time in milliseconds; exits non-zero if any call answers unexpectedly.
set -euo pipefail
BASE=${BASE:-localhost:8080}
OWNER='Authorization: Bearer dev-owner'; BOOKER='Authorization: Bearer dev-booker'; PAYMENTS='Authorization: Bearer dev-payments'
JSON='Content-Type: application/json'
START=$(date -u -d '+7 days' +%Y-%m-%dT18:00:00Z); END=$(date -u -d '+7 days' +%Y-%m-%dT19:00:00Z)
P1=$(date -u -d '+7 days' +%Y-%m-%dT07:00:00Z); P2=$(date -u -d '+7 days' +%Y-%m-%dT08:00:00Z)
call() { # expected-status method path [body] [key]
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' -X "$2" "$BASE/api/v1$3" -H "${5:-$OWNER}" -H "$JSON" ${4:+-d "$4"})
  [ "$code" = "$1" ] || { echo "$2 $3 answered $code, expected $1" >&2; exit 1; }
}
t0=$(date +%s%N)
call 201 POST /services '{"serviceId":"yoga","name":"Evening yoga","type":"CLASS","timeZone":"Europe/Berlin","price":{"amount":"20.00","currency":"EUR"},"paymentOptions":["IN_PERSON","ONLINE"],"requiresApproval":true,"capacity":2,"sessions":[{"sessionId":"yoga-1","start":"'$START'","end":"'$END'"}]}'
call 200 GET "/availability?serviceId=yoga&from=$(date -u +%Y-%m-%dT00:00:00Z)&to=$(date -u -d '+30 days' +%Y-%m-%dT00:00:00Z)" "" "$BOOKER"
B='{"bookingId":"5b0e1c3a-9d7f-4a61-8f6e-2c4b7a9d0e11","serviceId":"yoga","sessionId":"yoga-1","participants":1,"contact":{"contactId":"c-42","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com"},"payment":{"option":"IN_PERSON"}}'
call 201 POST /bookings "$B" "$BOOKER"
call 201 POST /bookings "$B" "$BOOKER"
call 200 POST /bookings/5b0e1c3a-9d7f-4a61-8f6e-2c4b7a9d0e11/confirm '{"expectedRevision":1}'
call 200 POST /bookings/5b0e1c3a-9d7f-4a61-8f6e-2c4b7a9d0e11/cancel '{"reason":"studio closed"}'
call 200 GET "/bookings?serviceId=yoga&status=CANCELED"
call 200 GET /bookings/5b0e1c3a-9d7f-4a61-8f6e-2c4b7a9d0e11
call 409 POST /bookings/5b0e1c3a-9d7f-4a61-8f6e-2c4b7a9d0e11/confirm
call 201 POST /services '{"serviceId":"pilates","name":"Morning pilates","type":"CLASS","timeZone":"Europe/Berlin","price":{"amount":"20.00","currency":"EUR"},"paymentOptions":["ONLINE","IN_PERSON","MEMBERSHIP"],"capacity":8,"sessions":[{"sessionId":"pilates-1","start":"'$P1'","end":"'$P2'"}]}'
call 201 POST /coupons '{"code":"WINTER15","percentOff":15,"validUntil":"2027-12-31T23:00:00Z","maxUses":100}'
call 201 POST /bookings '{"bookingId":"3f2a6c1d-8e9b-4a7c-b5d6-1e2f3a4b5c6d","serviceId":"pilates","sessionId":"pilates-1","participants":2,"contact":{"contactId":"c-7","firstName":"Grace","lastName":"Hopper","email":"grace@example.com"},"payment":{"option":"ONLINE","couponCode":"WINTER15"}}' "$BOOKER"
call 200 POST /bookings/3f2a6c1d-8e9b-4a7c-b5d6-1e2f3a4b5c6d/payment-approved '{"transactionId":"tx-4711"}' "$PAYMENTS"
call 201 POST /members/c-42/plans '{"planId":"ada-10","name":"Ten classes","credits":10,"serviceIds":["pilates"]}'
call 201 POST /bookings '{"bookingId":"9c4f7b1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b","serviceId":"pilates","sessionId":"pilates-1","participants":2,"contact":{"contactId":"c-42","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com"},"payment":{"option":"MEMBERSHIP","planId":"ada-10"}}' "$BOOKER"
call 200 GET "/checkout-options?serviceId=pilates&contactId=c-42" "" "$BOOKER"
call 200 POST /bookings/9c4f7b1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b/cancel "" "$BOOKER"
t1=$(date +%s%N)
echo $(( (t1 - t0) / 1000000 ))
